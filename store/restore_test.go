package store

import (
	"path/filepath"
	"testing"
	"time"
)

// Restoring a revision recomputes the validation at once: restored text
// that is not what was validated loses it, for that reason; restored
// text that is the same keeps it. The errors are counted again.
func TestRestoreRecomputesTheValidation(t *testing.T) {
	c := newClock()
	problems := func(p Post) int {
		if p.Link == "" {
			return 1
		}
		return 0
	}
	st, err := Open(filepath.Join(t.TempDir(), "crieur.db"), Options{Now: c.now, Hash: testHash(""), Problems: problems})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := mustSave(t, st, Post{Title: "Piscine", Body: "Fermée lundi", Category: "service", Status: StatusReady})
	first := p.Rev
	p.Link = "https://valbourg.fr/piscine"
	p = mustSave(t, st, p)
	p, err = st.Validate(p.ID, p.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	if p, _, err = st.PlanAndQueue(p.ID, c.now().Add(48*time.Hour), []string{"manual"}); err != nil {
		t.Fatal(err)
	}

	// Its own text: the validation stands.
	same, err := st.Restore(p.ID, p.Validation.Rev-1)
	if err != nil || same.Status != StatusPlanned || same.Validation == nil {
		t.Fatalf("restore the validated text: %v %s %+v", err, same.Status, same.Validation)
	}

	// The first revision, without the link: back to ready at once, its
	// queued send cancelled, the reason said, the error counted.
	old, err := st.Restore(p.ID, first)
	if err != nil {
		t.Fatal(err)
	}
	if old.Status != StatusReady || old.Validation != nil || old.Link != "" || old.Problems != 1 {
		t.Errorf("after restoring rev %d: %s, validation %+v, link %q, problems %d", first, old.Status, old.Validation, old.Link, old.Problems)
	}
	events, _ := st.Events(p.ID)
	if last := events[len(events)-1]; last.Kind != EventInvalidated || last.Reason != ReasonRestore {
		t.Errorf("the last event: %+v, want the validation lost for the restore", last)
	}
	if due, _ := st.Due(c.now().Add(72 * time.Hour)); len(due) != 0 {
		t.Errorf("a send still queued for text never validated: %+v", due)
	}
	// Nothing later takes it back with another reason.
	if n, err := st.Revalidate(); err != nil || n != 0 {
		t.Errorf("revalidate after the restore: %d %v", n, err)
	}
}

// The checks an idea gets are not a draft's: moving a post along the
// flow counts its errors again.
func TestStatusChangesCountTheErrorsAgain(t *testing.T) {
	c := newClock()
	problems := func(p Post) int {
		if p.Status == StatusIdea {
			return 0
		}
		return 2
	}
	st, err := Open(filepath.Join(t.TempDir(), "crieur.db"), Options{Now: c.now, Problems: problems})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := mustSave(t, st, Post{Title: "Idée", Status: StatusIdea})
	draft, err := st.SetStatus(p.ID, StatusDraft)
	if err != nil || draft.Problems != 2 {
		t.Fatalf("idea to draft: %v, problems %d", err, draft.Problems)
	}
	idea, err := st.SetStatus(p.ID, StatusIdea)
	if err != nil || idea.Problems != 0 {
		t.Fatalf("draft to idea: %v, problems %d", err, idea.Problems)
	}
	sums, _ := st.Summaries()
	if len(sums) != 1 || sums[0].Problems != 0 {
		t.Errorf("the backlog's record: %+v", sums)
	}
}
