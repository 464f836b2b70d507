package main

import (
	"strings"
	"testing"
)

// The desk draws its newest posts before the rest of the backlog is read;
// a filter typed meanwhile says that it waits, then applies. The whole
// backlog's reading is held back (CRIEUR_FAULT=slowbacklog), as a large
// file's would be on a slow machine. In French, at 80x24.
func TestEndToEndAFilterWaitsForTheWholeBacklog(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	term := startDeskSized(t, d, 80, 24, []string{"--offline", "--lang", "fr"}, "CRIEUR_FAULT=slowbacklog:4s")
	screen := term.waitScreen("Médiathèque", screenTimeout)
	if !strings.Contains(screen, "lecture du carnet…") {
		t.Fatalf("the title line does not say the backlog is being read:\n%s", framed(screen))
	}
	term.press("/", "tilleuls")
	screen = term.waitScreen("sera lu…", screenTimeout)
	if strings.Contains(screen, "Médiathèque") {
		t.Errorf("the rows show while the filter waits:\n%s", framed(screen))
	}
	screen = term.waitScreen("Piscine des Tilleuls", screenTimeout)
	for _, gone := range []string{"Médiathèque", "sera lu", "lecture du carnet"} {
		if strings.Contains(screen, gone) {
			t.Errorf("%q still shows once the backlog is read:\n%s", gone, framed(screen))
		}
	}
	if !strings.Contains(screen, "/ tilleuls") {
		t.Errorf("the filter is not on the screen:\n%s", framed(screen))
	}
	term.press(keyEsc, "q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Errorf("q: exit code %d", code)
	}
}
