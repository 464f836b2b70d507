package store

import (
	"errors"
	"testing"
)

// The team desk: one open file, a handle per member.

func TestAsRecordsWhoAndLeavesTheFileOpen(t *testing.T) {
	st, _ := openTemp(t)
	camille, lea := st.As("Camille"), st.As("Léa")
	p := mustSave(t, camille, Post{Title: "Piscine", Body: "Fermée lundi."})
	if p.EditedBy != "Camille" {
		t.Errorf("edited by %q, want Camille", p.EditedBy)
	}
	p.Body = "Fermée lundi et mardi."
	p = mustSave(t, lea, p)
	if err := camille.Close(); err != nil {
		t.Fatal(err)
	}
	// Closing a member's handle leaves the file open for the others.
	revs, err := lea.Revisions(p.ID)
	if err != nil {
		t.Fatalf("revisions after a member's handle closed: %v", err)
	}
	if len(revs) != 2 || revs[0].By != "Camille" || revs[1].By != "Léa" || p.EditedBy != "Léa" {
		t.Errorf("revisions by %q, %q; edited by %q", revs[0].By, revs[len(revs)-1].By, p.EditedBy)
	}
	if st.Who() != "" || lea.Who() != "Léa" {
		t.Errorf("who: %q %q", st.Who(), lea.Who())
	}
}

func TestWorkingCopiesPerMember(t *testing.T) {
	st, _ := openTemp(t)
	camille, lea := st.As("Camille"), st.As("Léa")
	p := mustSave(t, camille, Post{Title: "Marché", Body: "Samedi."})

	mine, theirs := p, p
	mine.Body, theirs.Body = "Samedi matin.", "Samedi, place du marché."
	for _, c := range []struct {
		st *Store
		p  Post
	}{{camille, mine}, {lea, theirs}, {st, p}} {
		if err := c.st.SaveWorking(c.p); err != nil {
			t.Fatal(err)
		}
	}
	for who, want := range map[*Store]string{camille: mine.Body, lea: theirs.Body} {
		w, ok, err := who.Working(p.ID)
		if err != nil || !ok || w.Body != want {
			t.Errorf("%s's working copy: %q %v %v, want %q", who.Who(), w.Body, ok, err, want)
		}
	}
	// Camille saves: her copy goes, Léa's stays.
	mustSave(t, camille, mine)
	if _, ok, _ := camille.Working(p.ID); ok {
		t.Error("Camille's working copy outlived her save")
	}
	if w, ok, _ := lea.Working(p.ID); !ok || w.Body != theirs.Body {
		t.Errorf("Léa's working copy after Camille's save: %q %v", w.Body, ok)
	}
	if err := lea.DiscardWorking(p.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := lea.Working(p.ID); ok {
		t.Error("Léa's working copy outlived its discarding")
	}
	if _, ok, _ := st.Working(p.ID); !ok {
		t.Error("the desk's own working copy went with a member's")
	}
}

func TestRecoverWorkingOfAMembersNewPost(t *testing.T) {
	st, _ := openTemp(t)
	lea := st.As("Léa")
	fresh := Post{ID: NewID(st.now()), Title: "Brouillon du train", Body: "Coupure d'eau", Status: StatusDraft}
	if err := lea.SaveWorking(fresh); err != nil {
		t.Fatal(err)
	}
	n, err := st.RecoverWorking()
	if err != nil || n != 1 {
		t.Fatalf("recovered %d, %v", n, err)
	}
	got, err := st.Post(fresh.ID)
	if err != nil || got.Body != fresh.Body {
		t.Fatalf("recovered post %+v, %v", got, err)
	}
	if _, ok, _ := lea.Working(fresh.ID); ok {
		t.Error("the recovered working copy is still there")
	}
}

func TestSaveOverKeepsBothTexts(t *testing.T) {
	st, _ := openTemp(t)
	camille, lea := st.As("Camille"), st.As("Léa")
	p := mustSave(t, camille, Post{Title: "Travaux", Body: "Rue Haute."})
	hers, mine := p, p
	hers.Body, mine.Body = "Rue Haute, jusqu'au 12.", "Rue Haute, déviation par la rue Basse."
	hers = mustSave(t, lea, hers)
	if _, err := camille.SavePost(mine); !errors.Is(err, ErrConflict) {
		t.Fatalf("saving over a newer revision: %v, want ErrConflict", err)
	}
	over, err := camille.SaveOver(mine)
	if err != nil {
		t.Fatal(err)
	}
	if over.Body != mine.Body || over.Rev != hers.Rev+1 {
		t.Errorf("saved over: rev %d body %q", over.Rev, over.Body)
	}
	revs, err := st.Revisions(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, r := range revs {
		bodies = append(bodies, r.Post.Body)
	}
	if len(revs) != 3 || bodies[1] != hers.Body || bodies[2] != mine.Body || revs[2].From != p.Rev {
		t.Errorf("revisions %q (last from %d), want both texts kept", bodies, revs[len(revs)-1].From)
	}
}

func TestDeletingSamplesDropsEveryonesWorkingCopies(t *testing.T) {
	st, _ := openTemp(t)
	s := mustSave(t, st, Post{Title: "Exemple", Body: "x"})
	if _, err := st.Import([]Post{{Title: "Exemple", Body: "y", Sample: true, Status: StatusIdea}}, RevImport); err != nil {
		t.Fatal(err)
	}
	sums, _ := st.Summaries()
	for _, sum := range sums {
		if sum.Sample {
			p, _ := st.Post(sum.ID())
			if err := st.As("Léa").SaveWorking(p); err != nil {
				t.Fatal(err)
			}
			if _, err := st.DeleteSamples(); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := st.As("Léa").Working(p.ID); ok {
				t.Error("a deleted sample's working copy stayed")
			}
		}
	}
	if _, err := st.Post(s.ID); err != nil {
		t.Errorf("a post that is no sample went: %v", err)
	}
}
