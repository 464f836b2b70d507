package main

// The week as a community manager walks it, through the real program in a
// French terminal of 80x24: the first run, Tuesday's topics made into
// posts and planned, Thursday's alert pasted by hand and settled, a
// planned post corrected, a revision restored, a slot already past; and
// one path again in English. Each path counts the keys a person presses
// (the text typed aside) and logs them.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Keys as a terminal sends them, beyond e2e_test.go's.
const (
	keyRight = "\x1b[C"
	keyDown  = "\x1b[B"
)

// walker is a desk in a terminal whose key presses are counted.
type walker struct {
	*terminal
	keys int
}

// walkDesk opens the desk in French (or English) at 80x24, offline.
func walkDesk(t *testing.T, d *desk, lang string) *walker {
	t.Helper()
	return &walker{terminal: startDeskSized(t, d, 80, 24, []string{"--offline", "--lang", lang})}
}

// hit presses keys, each counted.
func (w *walker) hit(keys ...string) {
	w.t.Helper()
	w.keys += len(keys)
	w.press(keys...)
}

// text types text, which is not counted as keys.
func (w *walker) text(s string) {
	w.t.Helper()
	w.press(s)
}

// flat is a screen with its lines joined and its spaces folded, to find a
// sentence the screen wrapped.
func flat(screen string) string { return strings.Join(strings.Fields(screen), " ") }

func (w *walker) waitText(s string) string {
	w.t.Helper()
	return w.waitFor(fmt.Sprintf("%q", s), func(screen string) bool { return strings.Contains(flat(screen), s) }, screenTimeout)
}

func (w *walker) quit() {
	w.t.Helper()
	w.press("q")
	if code := w.waitExit(exitTimeout); code != 0 {
		w.t.Fatalf("q: exit code %d; the screen:\n%s", code, framed(w.text0()))
	}
}

func (w *walker) text0() string { return w.terminal.text() }

// week presses [ or ] and waits for the other week's rows: keys pressed
// before they arrive act on nothing.
func (w *walker) week(key string) string {
	w.t.Helper()
	before := rows(w.text0())[0]
	w.hit(key)
	return w.waitFor("the rows of the other week", func(s string) bool {
		r := rows(s)
		return r[0] != before && (strings.Contains(s, "créneau libre") || strings.Contains(s, "free slot") ||
			strings.Contains(s, "planifié") || strings.Contains(s, "planned"))
	}, screenTimeout)
}

// firstRun opens a new desk, removes its sample week and quits.
func firstRun(t *testing.T, lang string) (*desk, int) {
	t.Helper()
	d := newDesk(t)
	w := walkDesk(t, d, lang)
	samples, removed, empty := "Collecte des déchets", "publications d’exemple supprimées", "Aucune publication ici"
	if lang == "en" {
		samples, removed, empty = "Library now open", "sample posts", "No posts here"
	}
	w.waitText(samples)
	w.hit("X")
	w.waitText(map[string]string{"fr": "(o/n)", "en": "(y/n)"}[lang])
	w.hit(map[string]string{"fr": "o", "en": "y"}[lang])
	w.waitText(removed)
	w.waitText(empty)
	w.keys++ // q
	w.quit()
	if out := d.ok("", "list"); strings.TrimSpace(out) != "" {
		t.Errorf("posts left after removing the samples:\n%s", out)
	}
	return d, w.keys
}

// The first run: the sample week, removed in one step, and a clean quit.
// It used to die on index out of range in the backlog's refilter.
func TestWalkFirstRun(t *testing.T) {
	skipIfShort(t)
	_, keys := firstRun(t, "fr")
	t.Logf("first run, samples removed, quit: %d keys", keys)
}

// tuesday imports the meeting's three topics as ideas, and makes each a
// post, validated and planned in next week's slots, in French.
func tuesday(t *testing.T, d *desk) {
	t.Helper()
	ideas := []struct{ title, body, link string }{
		{"Piscine : horaires de Noël", "La piscine ouvre *tous les jours de 10 h à 18 h* pendant les vacances de Noël.", "https://www.valbourg.fr/piscine"},
		{"Marché de Noël", "Le marché de Noël s’installe place de la Mairie : _chalets, vin chaud et manège_.", "https://www.valbourg.fr/noel"},
		{"Collecte des sapins", "Déposez votre sapin sans décorations aux points de collecte du quartier.", "https://www.valbourg.fr/sapins"},
	}
	var lines []string
	for _, i := range ideas {
		b, _ := json.Marshal(map[string]string{"title": i.title, "status": "idea", "notes": "Décidé en réunion de mardi."})
		lines = append(lines, string(b))
	}
	d.ok(strings.Join(lines, "\n")+"\n", "import", "-")

	w := walkDesk(t, d, "fr")
	w.waitText(ideas[0].title)
	var toValidated, toPlanned []int
	for n, i := range ideas {
		// The idea, found by its title, opened.
		start := w.keys
		w.hit("/")
		w.text(strings.Fields(i.title)[0])
		w.hit(keyEnter, keyEnter)
		w.waitText("Texte alt.")
		w.hit(keyTab, keyRight) // the category: pratique
		w.hit(keyTab)
		w.text(i.link)
		w.hit(keyTab, keyTab, keyTab)
		w.text(i.body)
		w.hit(keySave)
		w.waitText("Enregistré (rév.")
		w.hit(keyEsc)
		w.waitText("/ " + strings.Fields(i.title)[0])
		w.hit(">")
		w.waitText("brouillon")
		w.hit("v")
		w.waitText("(o/n)")
		w.hit("o")
		w.waitText("validée par")
		w.hit(keyEsc) // the filter goes
		w.waitText("/ filtrer")
		toValidated = append(toValidated, w.keys-start)

		// Planned in next week's slot n.
		start = w.keys
		w.hit("w")
		w.waitText("créneau libre")
		w.week("]")
		for range n {
			w.hit(keyDown)
		}
		w.hit(keyEnter)
		screen := w.waitText("Publication validée à planifier")
		if !strings.Contains(flat(screen), "· part ") {
			t.Errorf("the picker should say when the post goes:\n%s", framed(screen))
		}
		w.hit(keyEnter)
		w.waitText("planifiée : elle part")
		w.hit(keyEsc)
		toPlanned = append(toPlanned, w.keys-start)
	}
	w.hit("w")
	w.waitText("Semaine ")
	w.week("]")
	screen := w.waitFor("three planned posts", func(s string) bool { return strings.Count(s, "planifié ") == 3 }, screenTimeout)
	for _, i := range ideas {
		if !strings.Contains(screen, strings.Fields(i.title)[0]) {
			t.Errorf("the week lacks %q:\n%s", i.title, framed(screen))
		}
	}
	w.quit()
	for _, i := range ideas {
		if p := exported(t, d)[i.title]; p.Status != "planned" || p.Body != i.body {
			t.Errorf("%q is %s with %q", i.title, p.Status, p.Body)
		}
	}
	t.Logf("Tuesday: idea → validated %v keys each (text typed aside: title search, link, body); validated → planned %v keys", toValidated, toPlanned)
}

func TestWalkTuesday(t *testing.T) {
	skipIfShort(t)
	d, _ := firstRun(t, "fr")
	tuesday(t, d)
}

// thursday writes an urgent alert, sends it by copy and paste, sees its
// text and file, and settles it from the backlog; the fingerprint shown
// is the SHA-256 of the outbox file.
func thursday(t *testing.T, d *desk, lang string) {
	t.Helper()
	words := map[string]map[string]string{
		"fr": {"yes": "o", "editor": "Texte alt.", "saved": "Enregistré (rév.", "draft": "brouillon", "validated": "validée par",
			"why": "Envoi urgent — pourquoi ne peut-il pas attendre ?", "paste": "Texte à coller, tel quel :", "copied": "envoyé au terminal (OSC 52)",
			"banner": "1 envoi à régler (!)", "settled": "noté comme publié", "empty": "Aucune publication ici", "fingerprint": "empreinte SHA-256 du texte envoyé :",
			"file": "Le même texte est dans"},
		"en": {"yes": "y", "editor": "Alt text", "saved": "Saved (rev.", "draft": "draft", "validated": "validated by",
			"why": "Urgent send — why can it not wait?", "paste": "Text to paste, as it is:", "copied": "sent to the terminal (OSC 52)",
			"banner": "1 send to settle (!)", "settled": "marked as posted", "empty": "No posts here", "fingerprint": "SHA-256 of the text sent:",
			"file": "The same text is in"},
	}[lang]
	const (
		title = "Tempête : vigilance orange"
		body  = "⚠️ *Vigilance orange vent* : parcs et cimetières fermés jusqu’à demain midi."
		link  = "https://www.valbourg.fr/alerte"
	)
	w := walkDesk(t, d, lang)
	w.waitText(words["empty"])
	start := w.keys
	w.hit("n")
	w.waitText(words["editor"])
	w.text(title)
	w.hit(keyTab, keyRight, keyRight, keyRight) // the category: alert
	w.hit(keyTab)
	w.text(link)
	w.hit(keyTab, keyTab, keyTab)
	w.text(body)
	w.hit(keySave)
	w.waitText(words["saved"])
	w.hit(keyEsc, ">")
	w.waitText(words["draft"])
	w.hit("v")
	w.waitText(map[string]string{"fr": "(o/n)", "en": "(y/n)"}[lang])
	w.hit(words["yes"])
	w.waitText(words["validated"])
	w.hit("U")
	w.waitText(words["why"]) // the whole question, at 80 columns
	w.text("Vent à 110 km/h annoncé par Météo-France")
	w.hit(keyEnter)
	screen := w.waitText(words["paste"])
	for _, want := range []string{"Vigilance orange vent", words["file"], words["copied"], words["banner"]} {
		if !strings.Contains(flat(screen), want) {
			t.Errorf("the text to paste should show %q:\n%s", want, framed(screen))
		}
	}
	outbox, _ := filepath.Glob(filepath.Join(filepath.Dir(d.db), "outbox", "*.txt"))
	if len(outbox) != 1 {
		t.Fatalf("the outbox holds %v", outbox)
	}
	if !strings.Contains(strings.Join(strings.Fields(screen), ""), filepath.Base(outbox[0])) {
		t.Errorf("the screen should name the file %s:\n%s", outbox[0], framed(screen))
	}
	// Pasted in WhatsApp: settled from the backlog.
	w.hit(keyEsc, "m")
	w.waitText(words["settled"])
	w.waitFor("no send to settle", func(s string) bool { return !strings.Contains(flat(s), words["banner"]) }, screenTimeout)
	keys := w.keys - start

	// The fingerprint the preview shows is the file's SHA-256.
	w.hit("p")
	screen = w.waitText(words["fingerprint"])
	data, err := os.ReadFile(outbox[0])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	// Beside the phone, the fingerprint wraps: its digits are found on
	// their own, sixteen of them and an ellipsis.
	m := regexp.MustCompile(`\b([0-9a-f]{16})…`).FindStringSubmatch(screen)
	if m == nil || !strings.HasPrefix(hex.EncodeToString(sum[:]), m[1]) {
		t.Errorf("the fingerprint shown %v is not the start of sha256sum %s of the outbox file:\n%s", m, hex.EncodeToString(sum[:]), framed(screen))
	}
	w.hit(keyEsc)
	w.quit()
	if p := exported(t, d)[title]; p.Status != "sent" {
		t.Errorf("the alert is %s once settled", p.Status)
	}
	t.Logf("Thursday (%s): alert from nothing → settled: %d keys (text typed aside: title, link, body, reason)", lang, keys)
}

func TestWalkThursday(t *testing.T) {
	skipIfShort(t)
	d, _ := firstRun(t, "fr")
	thursday(t, d, "fr")
}

// The same alert, in English.
func TestWalkThursdayInEnglish(t *testing.T) {
	skipIfShort(t)
	d, _ := firstRun(t, "en")
	thursday(t, d, "en")
}

// A planned post corrected: edited, it stays in its slot to validate
// again; validating it says when it goes, and it is back in its slot.
// Then one of its revisions is restored, and a slot already past is
// refused.
func TestWalkCorrectionRestoreAndPastSlot(t *testing.T) {
	skipIfShort(t)
	d, _ := firstRun(t, "fr")
	tuesday(t, d)

	w := walkDesk(t, d, "fr")
	w.waitText("Piscine : horaires de Noël")
	w.hit("/")
	w.text("piscine")
	w.hit(keyEnter, keyEnter)
	w.waitText("Texte alt.")
	w.hit(keyTab, keyTab, keyTab, keyTab, keyTab)
	w.text("Fermée le 25. ")
	w.hit(keySave)
	w.waitText("repasse en « prêt »")
	w.hit(keyEsc, "w")
	w.waitText("Semaine ")
	w.week("]")
	screen := w.waitText("à valider de nouveau")
	if strings.Count(screen, "créneau libre") != 0 {
		t.Errorf("the slot of the corrected post should not show as free:\n%s", framed(screen))
	}
	w.hit(keyEsc)
	w.waitText("/ piscine")
	w.hit("v")
	screen = w.waitText("Elle part ")
	if !strings.Contains(flat(screen), "(o/n)") {
		t.Errorf("the question should be whole:\n%s", framed(screen))
	}
	w.hit("o")
	w.waitText("de retour dans son créneau")
	w.hit("w")
	w.waitText("Semaine ")
	w.week("]")
	w.waitFor("three planned posts again", func(s string) bool { return strings.Count(s, "planifié ") == 3 }, screenTimeout)
	w.hit(keyEsc)

	// The revision saved on Tuesday restored: not the text validated.
	w.hit("r")
	w.waitText("Historique")
	// The rows come after the title; g before them would act on nothing.
	w.waitText("importée")
	selected := func(s string) string {
		for _, line := range rows(s) {
			if strings.HasPrefix(line, "▌") {
				return line
			}
		}
		return ""
	}
	// g to the first revision; on a loaded machine a history read again
	// may still arrive after it and put the cursor back on the newest
	// row, so g is pressed again until the first row is selected.
	w.hit("g")
	for try := 0; !onScreenWithin(w.terminal, 5*time.Second, func(s string) bool { return strings.HasPrefix(selected(s), "▌ 1 ") }); try++ {
		if try == 3 {
			t.Fatalf("g does not select the first revision:\n%s", framed(w.text0()))
		}
		w.press("g")
	}
	for i := 0; !strings.HasPrefix(selected(w.text0()), "▌ 2 "); i++ {
		if i == 20 {
			t.Fatalf("revision 2 is not in the history:\n%s", framed(w.text0()))
		}
		before := selected(w.text0())
		w.hit(keyDown)
		w.waitFor("the cursor on the next line", func(s string) bool { return selected(s) != before }, screenTimeout)
	}
	w.hit("r")
	w.waitText("Restaurer la révision")
	w.hit("o")
	screen = w.waitText("restaurée")
	if !strings.Contains(flat(screen), "à valider de nouveau") {
		t.Errorf("restoring a text never validated should say the validation went:\n%s", framed(screen))
	}
	w.hit(keyEsc)

	// A slot already past: refused, sending now offered, no by default.
	w.hit(keyEsc, "w")
	w.waitText("Semaine ")
	w.week("]")
	w.waitText("Marché de Noël")
	w.hit(keyDown, "u") // the market's slot freed: the post is validated again
	w.waitText("retirée du créneau")
	w.week("[")
	w.week("[") // last week: every slot is past
	w.hit(keyEnter)
	w.waitText("· passé")
	w.hit(keyEnter)
	screen = w.waitText("(o/N)")
	if !strings.Contains(flat(screen), "est passé : on ne le planifie plus") {
		t.Errorf("the past slot's question:\n%s", framed(screen))
	}
	w.hit(keyEnter) // no, the default
	w.waitGone("(o/N)", screenTimeout)
	w.hit(keyEsc)
	w.quit()
	posts := exported(t, d)
	if p := posts["Marché de Noël"]; p.Status != "validated" {
		t.Errorf("the market is %s after refusing the past slot", p.Status)
	}
	if p := posts["Piscine : horaires de Noël"]; p.Status != "ready" || strings.Contains(p.Body, "Fermée le 25") {
		t.Errorf("the pool after the restore: %s, %q", p.Status, p.Body)
	}
	if out := d.ok("", "sends", "--open"); strings.Contains(out, "Marché") {
		t.Errorf("a send of the market is queued:\n%s", out)
	}
}

// onScreenWithin says whether the screen shows what ok looks for within
// d, without failing the test when it does not.
func onScreenWithin(term *terminal, d time.Duration, ok func(screen string) bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok(term.text()) {
			return true
		}
	}
	return ok(term.text())
}
