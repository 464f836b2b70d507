package main

import (
	"strings"
	"testing"

	"crieur/store"
)

// Keys of the text field a terminal sends.
const (
	keyUp       = "\x1b[A"
	keyCtrlHome = "\x1b[1;5H"
	keyCtrlEnd  = "\x1b[1;5F"
	keyAltBack  = "\x1b\x7f"
)

// TestWalkWritingALongText: a community manager writes a post longer than
// the text field at 80x24, in French, with an emoji made of several code
// points, pastes a paragraph, goes back to its start to add a word, rubs
// out a word and the emoji, and gets the weekday of a date corrected by
// the checks beside the text. What is saved is exactly what the screen
// showed.
func TestWalkWritingALongText(t *testing.T) {
	skipIfShort(t)
	d, _ := firstRun(t, "fr")
	w := walkDesk(t, d, "fr")
	w.waitText("Aucune publication ici")
	w.hit("n")
	w.waitText("Texte alt.")
	w.text("Piscine Jean-Bouin : vidange")
	w.hit(keyTab, keyTab, keyTab, keyTab, keyTab)

	first := "🏊 La piscine Jean-Bouin ferme du lundi 7 au dimanche 13 décembre pour sa vidange annuelle."
	w.text(first)
	w.hit(keyEnter, keyEnter)
	// A paragraph pasted from the city's site, its line ends as Windows
	// writes them.
	pasted := "Les bassins sont vidés, nettoyés et remplis de nouveau.\r\nLes cours de natation scolaire reprennent le lundi 14.\r\nLes abonnements sont prolongés d’une semaine."
	w.text("\x1b[200~" + pasted + "\x1b[201~")
	w.hit(keyEnter, keyEnter)
	for _, line := range []string{
		"Horaires de réouverture : du lundi au vendredi de 7 h à 21 h, le samedi de 9 h à 19 h.",
		"Le dimanche, ouverture de 9 h à 13 h pour les familles.",
		"Rendez-vous mercredi 16 décembre pour la fête de l’eau.",
		"👨‍👩‍👧",
	} {
		w.text(line)
		w.hit(keyEnter)
	}
	// The newest rows show, the first paragraph has scrolled away.
	screen := w.waitText("Rendez-vous mercredi 16")
	if strings.Contains(flatLeft(screen), "vidange annuelle") {
		t.Errorf("the field should have scrolled to the newest rows:\n%s", framed(screen))
	}
	// The checks beside the text, after the key: 16 December 2026 is a
	// Wednesday, and "mercredi 16 décembre" has no correction to show;
	// a wrong weekday typed on top gets one.
	w.hit(keyUp, keyUp)
	w.text("Vendredi 19 décembre, marché de l’eau. ")
	w.waitText("le jour ne correspond pas à la date")
	w.hit(keyAltBack, keyAltBack, keyAltBack, keyAltBack, keyAltBack, keyAltBack)
	w.waitGone("le jour ne correspond pas", screenTimeout)

	// The emoji family: one character to rub out.
	w.hit(keyCtrlEnd, keyBackspace, keyBackspace)
	// Back to the start, which scrolls into view, to add a word.
	w.hit(keyCtrlHome)
	w.text("Travaux : ")
	screen = w.waitText("Travaux : 🏊 La piscine")
	if strings.Contains(flatLeft(screen), "Rendez-vous mercredi") {
		t.Errorf("the field should show its first rows again:\n%s", framed(screen))
	}
	w.hit(keySave)
	w.waitText("Enregistré (rév.")
	w.hit(keyEsc)
	w.waitText("Piscine Jean-Bouin : vidange")
	w.quit()

	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	posts, err := st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 {
		t.Fatalf("%d posts saved", len(posts))
	}
	p, err := st.Post(posts[0].ID())
	if err != nil {
		t.Fatal(err)
	}
	want := "Travaux : " + first + "\n\n" + strings.ReplaceAll(pasted, "\r\n", "\n") + "\n\n" +
		"Horaires de réouverture : du lundi au vendredi de 7 h à 21 h, le samedi de 9 h à 19 h.\n" +
		"Le dimanche, ouverture de 9 h à 13 h pour les familles.\n" +
		"Rendez-vous mercredi 16 décembre pour la fête de l’eau.\n"
	if p.Body != want {
		t.Errorf("the saved text is\n%q\nwant\n%q", p.Body, want)
	}
}

// flatLeft is the left half of an 80-column screen, where the form is,
// its spaces folded: the phone on the right shows the same text.
func flatLeft(screen string) string {
	var left []string
	for _, row := range rows(screen) {
		r := []rune(row)
		left = append(left, string(r[:min(len(r), 40)]))
	}
	return flat(strings.Join(left, "\n"))
}
