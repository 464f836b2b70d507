package settings

import (
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

// ParseSlot reads a slot written as a weekday and a time on the 24-hour
// clock: "tuesday 09:00", in English or in French ("mardi 9:00", "mardi
// 9h30", "mardi 9h"). Nothing may follow the time: "9:00pm" and "12:3O"
// are errors, never 09:00 and 12:03.
func ParseSlot(text string) (Slot, error) {
	fields := strings.Fields(strings.ToLower(text))
	if len(fields) != 2 {
		return Slot{}, problem("slot %q: write a weekday and a time, as \"tuesday 09:00\"", text)
	}
	day, ok := slotDays[fields[0]]
	if !ok {
		return Slot{}, problem("slot %q: %q is not a weekday", text, fields[0])
	}
	h, m, ok := clockTime(fields[1])
	if !ok {
		return Slot{}, problem("slot %q: %q is not a time of day on the 24-hour clock, as 09:00 or 21:30", text, fields[1])
	}
	return Slot{Weekday: day, Hour: h, Minute: m}, nil
}

// clockTime reads "9:00", "09:00", "9h30" or "9h": hours 0 to 23, minutes
// in two digits, and nothing else.
func clockTime(s string) (hour, minute int, ok bool) {
	hours, minutes, found := strings.Cut(s, ":")
	if !found {
		hours, minutes, found = strings.Cut(s, "h")
		if found && minutes == "" {
			minutes = "00"
		}
	}
	if !found || len(hours) < 1 || len(hours) > 2 || len(minutes) != 2 {
		return 0, 0, false
	}
	hour, okH := digits(hours)
	minute, okM := digits(minutes)
	if !okH || !okM || hour > 23 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}

// digits reads ASCII digits only: no sign, no space, no other script.
func digits(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// checkSlots refuses slots that would fall onto each other: the same
// weekday and time written twice, or a time that a change of the clocks in
// loc skips (it does not exist that day, and the calendar would put it
// onto the hour after, where another slot may be) or repeats (it happens
// twice that day). The desk never moves a slot by itself: the person picks
// another time.
func checkSlots(texts []string, loc *time.Location) error {
	seen := map[Slot]string{}
	changes := clockChanges(loc)
	for _, text := range texts {
		slot, err := ParseSlot(text)
		if err != nil {
			return err
		}
		if first, ok := seen[slot]; ok {
			return problem("slots %q and %q are the same slot", first, text)
		}
		seen[slot] = text
		at := slot.minuteOfWeek()
		for _, c := range changes {
			if (at-c.from+minutesPerWeek)%minutesPerWeek >= c.minutes {
				continue
			}
			if c.skipped {
				return problem("slot %q falls in the time that %s skips when the clocks go forward: that day it does not exist; pick another time", text, loc.String())
			}
			return problem("slot %q falls in the time that %s repeats when the clocks go back: that day it happens twice; pick another time", text, loc.String())
		}
	}
	return nil
}

const minutesPerWeek = 7 * 24 * 60

// minuteOfWeek counts from Monday 00:00.
func (s Slot) minuteOfWeek() int {
	return ((int(s.Weekday)+6)%7)*24*60 + s.Hour*60 + s.Minute
}

// clockChange is a stretch of local time, in minutes of the week, that a
// change of the clocks skips or repeats.
type clockChange struct {
	from, minutes int
	skipped       bool
}

// clockChangeYears are the years searched for changes of the clocks: the
// desk plans weeks of these years, and a zone's rules repeat from year to
// year in between.
const clockChangeFrom, clockChangeTo = 2026, 2046

// clockChanges lists the stretches of local time that the changes of the
// clocks in loc skip or repeat, each once, over clockChangeYears.
func clockChanges(loc *time.Location) []clockChange {
	var out []clockChange
	seen := map[clockChange]bool{}
	end := time.Date(clockChangeTo, 1, 1, 0, 0, 0, 0, time.UTC)
	t := time.Date(clockChangeFrom, 1, 1, 0, 0, 0, 0, time.UTC).In(loc)
	for t.Before(end) {
		_, change := t.ZoneBounds()
		if !change.After(t) {
			break // the zone keeps its offset from here on
		}
		_, before := t.Zone()
		_, after := change.Zone()
		t = change
		if before == after {
			continue // a new name for the same offset
		}
		c := clockChange{skipped: after > before, minutes: abs(after-before) / 60}
		// The local time the change starts from: the wall clock just
		// before a jump forward, just after a jump back.
		start := change.Add(time.Duration(min(before, after)) * time.Second).UTC()
		c.from = ((int(start.Weekday())+6)%7)*24*60 + start.Hour()*60 + start.Minute()
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
