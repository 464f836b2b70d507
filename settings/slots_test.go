package settings

import (
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
