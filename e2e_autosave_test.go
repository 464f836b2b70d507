package main

import (
	"strings"
	"testing"
	"time"

	"crieur/ui"
)

// What the French desk shows at 80x24; see ui/i18n/fr.go and samples.go.
const (
	samplePoolFR   = "Piscine des Tilleuls fermée pour vidange"
	editorLabelFR  = "Texte alt."
	previewTitleFR = "Aperçu ·"
	recoveredFR    = "Modifications non enregistrées du"
	keyPreview     = "\x10" // ctrl+p
)

// A person writes, looks at the full-screen preview for a while, comes
// back and writes more; the laptop dies. Everything typed in that visit is
// offered on reopening: the autosave ticks go on under the preview.
func TestEndToEndTypingSurvivesThePreview(t *testing.T) {
	skipIfShort(t)
	const (
		before = "Avant l’aperçu, "
		after  = "après l’aperçu : "
	)
	// Long enough for autosave ticks to come while the preview shows, and
	// after the last key: a precondition, not an assertion.
	keep := 2 * ui.AutosaveEvery

	d := newDesk(t)
	term := openDesk(t, d, "LANG=fr_FR.UTF-8")
	term.resize(80, 24)
	term.waitScreen(samplePoolFR, screenTimeout)
	openPostFR(term, "piscine")
	term.press(keyTab, keyTab, keyTab, keyTab, keyTab) // to the text
	term.press(before)
	term.waitScreen(strings.TrimSpace(before), screenTimeout)

	term.press(keyPreview)
	term.waitScreen(previewTitleFR, screenTimeout)
	time.Sleep(keep)
	term.press(keyEsc)
	term.waitScreen(editorLabelFR, screenTimeout)
	term.press(after)
	term.waitScreen(strings.TrimSpace(after), screenTimeout)
	time.Sleep(keep)
	term.crash()

	term = openDesk(t, d, "LANG=fr_FR.UTF-8")
	term.resize(80, 24)
	term.waitScreen(samplePoolFR, screenTimeout)
	openPostFR(term, "piscine")
	term.waitScreen(recoveredFR, screenTimeout)
	screen := term.waitScreen(strings.TrimSpace(after), screenTimeout)
	if !strings.Contains(screen, before+after) {
		t.Fatalf("the text typed before the preview is not offered; the screen:\n%s", framed(screen))
	}
	term.press(keySave)
	term.waitScreen("Enregistré (rév. ", screenTimeout)
	term.press(keyEsc)
	term.waitScreen("? aide · q quitter", screenTimeout)
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d", code)
	}
	if p, ok := exported(t, d)[samplePoolFR]; !ok || !strings.HasPrefix(p.Body, before+after) {
		t.Errorf("the file holds %q (found: %v), want it to start with %q", p.Body, ok, before+after)
	}
}

// openPostFR filters the French backlog down to the posts matching query
// and opens the first of them.
func openPostFR(term *terminal, query string) {
	term.t.Helper()
	term.press("/", query)
	term.waitScreen("/ "+query, screenTimeout)
	term.press(keyEnter) // leaves the filter line, the filter stays
	term.waitScreen("/ "+query+"  (", screenTimeout)
	term.press(keyEnter)
	term.waitScreen(editorLabelFR, screenTimeout)
}
