package ui

import (
	"strings"
	"testing"

	"crieur/store"
)

// Planning that cannot surprise: what the week does, it says before it
// does, and nothing goes out by a key that looked harmless. testNow is
// Tuesday 24 November 2026 09:00 UTC (10:00 in Paris): the week's
// Tuesday slot is past, Thursday's and Saturday's are to come.

// A slot already past is not planned: sending now is offered, and
// answered no by default.
func TestAPastSlotOffersToSendNowNoByDefault(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "enter") // Tuesday 09:00, past
	if !strings.Contains(screenText(m), "Validated post to plan") || !strings.Contains(screenText(m), "· past") {
		t.Fatalf("the picker should say the slot is past:\n%s", screenText(m))
	}
	m = press(t, m, "enter")
	if m.confirm == nil || !m.confirm.defaultNo || !strings.Contains(m.confirm.question, "is past") ||
		!strings.Contains(m.confirm.question, "(y/N)") {
		t.Fatalf("a past slot should offer to send now, no by default: %+v", m.confirm)
	}
	m = press(t, m, "enter") // the default: no
	p := mustPost(t, m, "Collecte des déchets décalée")
	if sends, _ := m.st.Sends(p.ID); p.Status != store.StatusValidated || len(sends) != 0 {
		t.Fatalf("enter must leave the post as it was: %s, %d sends", p.Status, len(sends))
	}
	m = press(t, m, "enter", "enter", "y")
	if p := mustPost(t, m, p.Title); p.Status != store.StatusSending {
		t.Errorf("y sends it now: %s", p.Status)
	}
}

// x marks a planned post (⇅), then swaps it with another, or moves it to
// a free slot; any other action drops the mark.
func TestSwapMarkAndMoveToAFreeSlot(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "j", "enter", "enter") // Thursday
	m = press(t, m, "x")
	if m.week.swapFrom != 1 || !strings.Contains(screenText(m), "⇅") || !strings.Contains(m.message, "on a free slot: move") {
		t.Fatalf("x should mark the slot and say what comes next (%q):\n%s", m.message, screenText(m))
	}
	m = press(t, m, "]") // another action: the mark goes
	if m.week.swapFrom != -1 || strings.Contains(screenText(m), "⇅") {
		t.Fatalf("the mark should not survive another action:\n%s", screenText(m))
	}
	m = press(t, m, "[", "j", "x", "j", "x") // Thursday, then Saturday, free
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusPlanned || p.Slot.Weekday().String() != "Saturday" {
		t.Fatalf("x on a free slot should move the post there: %s on %s", p.Status, p.Slot)
	}
	if !strings.Contains(m.message, "moved: it goes Saturday 10:00") {
		t.Errorf("the move should say when it goes: %q", m.message)
	}
	sends, _ := m.st.Sends(p.ID)
	if len(sends) != 1 || !sends[0].At.Equal(p.Slot) {
		t.Errorf("the queued send should follow the post: %+v", sends)
	}
}

// A planned post edited after its validation stays in its slot, to be
// validated again; validating it says when it goes, and puts it back.
func TestAnEditedPostShowsInItsSlotToValidateAgain(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "j", "enter", "enter", "esc")
	p := mustPost(t, m, "Collecte des déchets décalée")
	p.Body += " Horaires inchangés."
	if _, err := m.st.SavePost(p); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, m.loadCmd()())
	m = press(t, m, "w")
	s := screenText(m)
	if !strings.Contains(s, "Collecte des déchets décalée") || !strings.Contains(s, "to validate again") || strings.Contains(s, "Thu 26 Nov 12:00    in 2 d 2 h     — free slot —") {
		t.Fatalf("the slot should show the post to validate again:\n%s", s)
	}
	m = press(t, m, "esc", "G", "v")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "It goes Thursday 12:00.") {
		t.Fatalf("validating should say when it goes: %+v", m.confirm)
	}
	m = press(t, m, "y")
	if p := mustPost(t, m, p.Title); p.Status != store.StatusPlanned || !p.PlannedFor().Equal(p.Slot) {
		t.Errorf("validated again, the post should be back in its slot: %s", p.Status)
	}
}

// S is not offered on a post already gone to every destination; a slot
// whose post went early says when it went instead of counting down.
func TestSendNowOnceAndASlotThatWentEarly(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "w", "j", "enter", "enter", "S", "y", "m", "esc")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusSent {
		t.Fatalf("settled as posted: %s", p.Status)
	}
	if m.screen != screenWeek || m.week.keysNow(&m.desk).SendNow.Enabled() {
		t.Errorf("S should not be offered on a post already sent (screen %d)", m.screen)
	}
	m = press(t, m, "S")
	if m.confirm != nil {
		t.Errorf("S asked about a post already sent: %q", m.confirm.question)
	}
	if s := screenText(m); !strings.Contains(s, "went 10:00") || strings.Contains(s, "in 2 d 2 h") {
		t.Errorf("the slot should say when its post went:\n%s", s)
	}
}

// An urgent send shows on the week it went out, outside the slots, and is
// settled there.
func TestUrgentSendsShowOnTheirWeek(t *testing.T) {
	m := weekModel(t)
	m = press(t, m, "G", "U")
	m = typeText(t, m, "Storm")
	m = press(t, m, "enter", "esc", "w")
	s := screenText(m)
	if !strings.Contains(s, "⚡ urgent") || !strings.Contains(s, "manual: to paste") {
		t.Fatalf("the urgent send should show on the week:\n%s", s)
	}
	for m.week.row.cursor < len(m.week.rows)-1 && !m.week.rows[m.week.row.cursor].urgent {
		m = press(t, m, "j")
	}
	m = press(t, m, "f")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if sends, _ := m.st.Sends(p.ID); len(sends) != 1 || sends[0].State != store.SendFailed || len(m.pendingSends) != 0 {
		t.Errorf("f on the week should settle it as not gone: %+v", sends)
	}
}

// Restoring a revision other than the one validated says at once that
// the validation went, and why.
func TestRestoreSaysTheValidationWent(t *testing.T) {
	m := weekModel(t)
	p := mustPost(t, m, "Collecte des déchets décalée") // rev 1 imported, rev 2 validated
	p.Body = "Un autre texte."
	edited, err := m.st.SavePost(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.st.Validate(edited.ID, edited.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, m.loadCmd()())
	m = press(t, m, "G", "r")
	if m.screen != screenHistory {
		t.Fatalf("r opens the history: %d", m.screen)
	}
	m = press(t, m, "g")
	for e, _ := m.history.selected(); e.rev == nil || e.rev.Rev != 1; e, _ = m.history.selected() {
		m = press(t, m, "j") // to the first revision: the text never validated
	}
	m = press(t, m, "r", "y")
	got := mustPost(t, m, p.Title)
	if got.Status != store.StatusReady || got.Validation != nil || got.Body == "Un autre texte." {
		t.Fatalf("restoring another text: %s, %+v, %q", got.Status, got.Validation, got.Body)
	}
	if !m.isError || !strings.Contains(m.message, "this is not the text validated") {
		t.Errorf("the desk should say why the validation went: %q", m.message)
	}
}

// c copies a post as a new draft, open in the editor.
func TestDuplicateAsANewDraft(t *testing.T) {
	m := newTestModel(t, "fr", 80, 24, fixture())
	m = press(t, m, "G", "c")
	if m.screen != screenEditor || m.editor.post.Title != "Collecte des déchets décalée (copie)" || m.editor.post.Status != store.StatusDraft {
		t.Fatalf("c should open the copy in the editor: %d %+v", m.screen, m.editor)
	}
	if !strings.Contains(m.message, "copiée en nouveau brouillon") {
		t.Errorf("the desk should say it: %q", m.message)
	}
	if p := mustPost(t, m, "Collecte des déchets décalée"); p.Status != store.StatusReady {
		t.Errorf("the original changed: %s", p.Status)
	}
}

// At 80x24 a question is read whole, wrapped, and the urgent reason's
// question too, however narrow.
func TestQuestionsWrapNeverCut(t *testing.T) {
	for _, w := range []int{80, 40} {
		m := weekModelIn(t, "fr", w, 24)
		m = press(t, m, "G", "U")
		s := screenText(m)
		if !strings.Contains(strings.Join(strings.Fields(s), " "), "Envoi urgent — pourquoi ne peut-il pas attendre ?") {
			t.Errorf("at %d columns the urgent question is cut:\n%s", w, s)
		}
		m = press(t, m, "esc", "X")
		q := strings.Join(strings.Fields(screenText(m)), " ")
		if !strings.Contains(q, "Supprimer") || !strings.Contains(q, "(o/n)") {
			t.Errorf("at %d columns the question is cut:\n%s", w, screenText(m))
		}
		lines := strings.Split(screenText(m), "\n")
		if len(lines) != 24 || !strings.HasPrefix(lines[0], "crieur") {
			t.Errorf("at %d columns the frame is %d lines, title %q", w, len(lines), lines[0])
		}
	}
}

// The checks wrap rather than cut, beside the phone at 80 columns.
func TestChecksWrap(t *testing.T) {
	posts := []store.Post{{
		Title: "Travaux", Body: "Travaux du lundi 8 au lundi 14 décembre, rue de la République et avenue Jean-Jaurès.",
		Link: "https://autre-site.example.org/travaux-de-voirie-decembre", Category: "practical",
		Status: store.StatusDraft, Created: testNow,
	}}
	m := newTestModel(t, "fr", 80, 24, posts)
	m = press(t, m, "p")
	s := strings.Join(strings.Fields(screenText(m)), " ")
	for _, want := range []string{"lundi 8 → mardi 8", "autre-site.example.org"} {
		if !strings.Contains(s, want) {
			t.Errorf("the checks lack %q:\n%s", want, screenText(m))
		}
	}
}
