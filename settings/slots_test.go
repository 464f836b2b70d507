package settings

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseSlotAndSettingsSlots(t *testing.T) {
	for text, want := range map[string]Slot{
		"tuesday 09:00": {time.Tuesday, 9, 0}, "Mardi 9:30": {time.Tuesday, 9, 30},
		"samedi 18h15": {time.Saturday, 18, 15}, "sunday 0:05": {time.Sunday, 0, 5},
	} {
		if got, err := ParseSlot(text); err != nil || got != want {
			t.Errorf("ParseSlot(%q) = %+v, %v; want %+v", text, got, err, want)
		}
	}
	for _, bad := range []string{"", "tuesday", "funday 09:00", "monday 25:00", "monday 9:60", "monday 09:00 extra"} {
		if _, err := ParseSlot(bad); err == nil {
			t.Errorf("ParseSlot(%q) should fail", bad)
		}
	}
	s := Default()
	s.Week.Slots = []string{"saturday 10:00", "monday 08:00", "thursday 12:00"}
	got := s.Slots()
	if len(got) != 3 || got[0].Weekday != time.Monday || got[2].Weekday != time.Saturday {
		t.Errorf("slots not in week order: %+v", got)
	}
	if _, err := Parse([]byte("[week]\nslots = [\"someday 9:00\"]\n")); err == nil || !strings.Contains(err.Error(), "week.slots") {
		t.Errorf("a bad slot in the settings: %v", err)
	}
}

// A slot is a weekday and a time, and nothing else: what follows the time
// is an error that names the setting, never a time read in part.
func TestSlotStringsAreStrict(t *testing.T) {
	for _, text := range []string{
		"tuesday 9:00pm", "thursday 12:3O", "monday 9:5", "monday 9:005", "monday 009:00", "monday 9:00:00",
		"monday +9:00", "monday 9 :00", "monday 9:00 pm", "monday ９:００", "monday 9h3", "monday h30", "monday 24:00",
		"monday -1:00", "monday 9", "monday 9.30", "lundi 9h30 le matin",
	} {
		if got, err := ParseSlot(text); err == nil {
			t.Errorf("ParseSlot(%q) = %+v, want an error", text, got)
		}
		_, err := Parse([]byte(fmt.Sprintf("[week]\nslots = [\"tuesday 09:00\", %q]\n", text)))
		if err == nil || !strings.Contains(err.Error(), "week.slots") || !strings.Contains(err.Error(), text) {
			t.Errorf("settings with the slot %q: %v", text, err)
		}
	}
	for text, want := range map[string]Slot{
		"lundi 9h": {time.Monday, 9, 0}, "Sunday 23:59": {time.Sunday, 23, 59}, "vendredi 07h05": {time.Friday, 7, 5},
	} {
		if got, err := ParseSlot(text); err != nil || got != want {
			t.Errorf("ParseSlot(%q) = %+v, %v; want %+v", text, got, err, want)
		}
	}
	// The same slot twice, in two languages, would be one row holding
	// two posts' worth of settings.
	_, err := Parse([]byte("[week]\nslots = [\"mardi 9:00\", \"tuesday 09:00\"]\n"))
	if err == nil || !strings.Contains(err.Error(), "week.slots") || !strings.Contains(err.Error(), "same slot") {
		t.Errorf("the same slot twice: %v", err)
	}
}

// In Paris the clocks go forward on 28 March 2027 at 02:00 and back on
// 31 October 2027 at 03:00. A Sunday slot in the hour skipped would be put
// by the calendar onto the hour after, where 03:30 is: two slots, one
// instant. A Sunday slot in the hour repeated would happen twice. Both are
// refused, naming the setting; the times around them are kept.
func TestSlotsInAClockChangeAreRefused(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// What the calendar does with those times.
	gap := time.Date(2027, 3, 28, 2, 30, 0, 0, paris)
	if after := time.Date(2027, 3, 28, 3, 30, 0, 0, paris); !gap.Equal(after) {
		t.Fatalf("02:30 on 28 March 2027 is %v, 03:30 %v: the hour is not skipped", gap, after)
	}
	once := time.Date(2027, 10, 31, 2, 30, 0, 0, paris)
	if other := once.Add(-time.Hour).In(paris); other.Format("15:04") != once.Format("15:04") {
		if other = once.Add(time.Hour).In(paris); other.Format("15:04") != once.Format("15:04") {
			t.Fatalf("02:30 on 31 October 2027 happens once: %v", once)
		}
	}

	settings := func(slots ...string) error {
		text := "[desk]\ntimezone = \"Europe/Paris\"\n[week]\nslots = ["
		for i, s := range slots {
			if i > 0 {
				text += ", "
			}
			text += fmt.Sprintf("%q", s)
		}
		_, err := Parse([]byte(text + "]\n"))
		return err
	}
	for slot, what := range map[string]string{
		"sunday 02:30": "skips", "dimanche 2h00": "skips", "sunday 02:59": "skips",
	} {
		err := settings("sunday 03:30", slot)
		if err == nil || !strings.Contains(err.Error(), "week.slots") || !strings.Contains(err.Error(), slot) ||
			!strings.Contains(err.Error(), "Europe/Paris "+what) {
			t.Errorf("the slot %q: %v", slot, err)
		}
	}
	// In Paris the hour repeated, 02:00 to 03:00, is the same wall-clock
	// hour as the one skipped in March: the refusal above covers both. A
	// zone whose changes fall at other hours tells them apart.
	for _, tt := range []struct{ zone, slot, what string }{
		{"America/New_York", "sunday 02:30", "skips"},
		{"America/New_York", "sunday 01:30", "repeats"},
		{"Australia/Lord_Howe", "sunday 01:45", "repeats"}, // its clocks move by half an hour
	} {
		_, err := Parse([]byte(fmt.Sprintf("[desk]\ntimezone = %q\n[week]\nslots = [%q]\n", tt.zone, tt.slot)))
		if err == nil || !strings.Contains(err.Error(), tt.zone+" "+tt.what) {
			t.Errorf("%s in %s: %v", tt.slot, tt.zone, err)
		}
	}
	for _, ok := range [][]string{
		{"sunday 01:59", "sunday 03:00", "sunday 03:30"},
		{"saturday 02:30", "monday 02:30"},
	} {
		if err := settings(ok...); err != nil {
			t.Errorf("slots %q: %v", ok, err)
		}
	}
	if _, err := Parse([]byte("[desk]\ntimezone = \"UTC\"\n[week]\nslots = [\"sunday 02:30\"]\n")); err != nil {
		t.Errorf("a zone without clock changes: %v", err)
	}
}

func BenchmarkParseSettings(b *testing.B) {
	text := []byte("[desk]\ntimezone = \"Europe/Paris\"\n[week]\nslots = [\"tuesday 09:00\", \"thursday 12:00\", \"saturday 10:00\"]\n")
	for b.Loop() {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}
