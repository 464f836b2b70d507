package settings

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Slot is a weekly time the channel publishes at, in local time.
type Slot struct {
	Weekday      time.Weekday
	Hour, Minute int
}

// Slots are the week's slots, in the order of the week (Monday first).
// The settings were checked when read, so every slot parses.
func (s Settings) Slots() []Slot {
	var out []Slot
	for _, text := range s.Week.Slots {
		if slot, err := ParseSlot(text); err == nil {
			out = append(out, slot)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].before(out[j]) })
	return out
}

// ParseSlot reads a slot written as a weekday and a time: "tuesday 09:00",
// in English or in French ("mardi 9:00").
func ParseSlot(text string) (Slot, error) {
	fields := strings.Fields(strings.ToLower(text))
	if len(fields) != 2 {
		return Slot{}, problem("slot %q: write a weekday and a time, as \"tuesday 09:00\"", text)
	}
	day, ok := slotDays[fields[0]]
	if !ok {
		return Slot{}, problem("slot %q: %q is not a weekday", text, fields[0])
	}
	var h, m int
	if n, err := fmt.Sscanf(strings.Replace(fields[1], "h", ":", 1), "%d:%d", &h, &m); n != 2 || err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return Slot{}, problem("slot %q: %q is not a time of day, as 09:00", text, fields[1])
	}
	return Slot{Weekday: day, Hour: h, Minute: m}, nil
}

var slotDays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
}

// before orders slots through the week, Monday first.
func (s Slot) before(o Slot) bool {
	a, b := (int(s.Weekday)+6)%7, (int(o.Weekday)+6)%7
	if a != b {
		return a < b
	}
	return s.Hour*60+s.Minute < o.Hour*60+o.Minute
}
