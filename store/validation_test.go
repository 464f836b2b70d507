package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"testing"
)

// testHash stands for the sender's rule: the body, the link, the image and
// the card's title go out; a "suffix" stands for a setting that changes
// the outgoing text.
func testHash(suffix string) HashFunc {
	return func(p Post) string {
		card := ""
		if c := p.CardFor(); c != nil {
			card = c.Title
		}
		sum := sha256.Sum256([]byte(p.Body + "\x00" + p.Link + "\x00" + p.Image + "\x00" + card + "\x00" + suffix))
		return hex.EncodeToString(sum[:])
	}
}

func openWithHash(t *testing.T, path string, h HashFunc) *Store {
	t.Helper()
	st, err := Open(path, Options{Now: newClock().now, Hash: h})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestValidationIsBoundToTheText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openWithHash(t, path, testHash(""))
	defer func() { st.Close() }()
	p := mustSave(t, st, Post{Title: "Piscine", Body: "Fermée", Link: "https://valbourg.fr/piscine", Status: StatusReady})

	if _, err := st.Validate(p.ID, p.Rev+1, "Camille"); !errors.Is(err, ErrConflict) {
		t.Fatalf("validating a revision that is not the current one: %v", err)
	}
	v, err := st.Validate(p.ID, p.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != StatusValidated || v.Validation == nil || v.Validation.By != "Camille" ||
		v.Validation.Hash != testHash("")(v) || v.Validation.Rev != v.Rev {
		t.Fatalf("validated post: %+v %+v", v, v.Validation)
	}
	if _, err := st.Validate(p.ID, v.Rev, "Camille"); !errors.Is(err, ErrStatus) {
		t.Errorf("validating twice: %v", err)
	}

	// Editing the notes keeps the validation.
	v.Notes = "Brief : vidange annuelle."
	n, err := st.SavePost(v)
	if err != nil || n.Status != StatusValidated || n.Validation == nil {
		t.Fatalf("notes edit: %v %s", err, n.Status)
	}
	// A save cannot change the status by itself.
	n.Status = StatusSent
	n.Title = "Piscine municipale"
	n2, err := st.SavePost(n)
	if err != nil || n2.Status != StatusValidated {
		t.Fatalf("a save set the status to %s (%v)", n2.Status, err)
	}
	// Editing the body sends it back to ready, with an event.
	n2.Body = "Fermée jusqu'au 14 décembre"
	e, err := st.SavePost(n2)
	if err != nil || e.Status != StatusReady || e.Validation != nil {
		t.Fatalf("body edit: %v %s %+v", err, e.Status, e.Validation)
	}
	events, err := st.Events(p.ID)
	if err != nil || len(events) != 2 || events[0].Kind != EventValidated || events[1].Kind != EventInvalidated || events[1].Reason != ReasonEdit {
		t.Fatalf("events: %v %+v", err, events)
	}

	// Validate again, then a card fetched for the link changes the text.
	v, err = st.Validate(p.ID, e.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	same, err := st.SetCard(p.ID, Card{URL: "https://valbourg.fr/autre", Title: "Autre"})
	if err != nil || same.Rev != v.Rev {
		t.Fatalf("a card for another link must be dropped: %v rev %d", err, same.Rev)
	}
	c, err := st.SetCard(p.ID, Card{URL: v.Link, Title: "Piscine : vidange", Status: 200})
	if err != nil || c.Status != StatusReady {
		t.Fatalf("card change: %v %s", err, c.Status)
	}

	// Revoke.
	v, err = st.Validate(p.ID, c.Rev, "Dominique")
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Revoke(p.ID, "Dominique")
	if err != nil || r.Status != StatusReady || r.Validation != nil {
		t.Fatalf("revoke: %v %s", err, r.Status)
	}
	if _, err := st.Revoke(p.ID, "Dominique"); !errors.Is(err, ErrStatus) {
		t.Errorf("revoking a ready post: %v", err)
	}

	// A setting that changes the outgoing text: reopen with another rule.
	if _, err := st.Validate(p.ID, r.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openWithHash(t, path, testHash("signature"))
	n3, err := st.Revalidate()
	if err != nil || n3 != 1 {
		t.Fatalf("revalidate: %d %v", n3, err)
	}
	after, _ := st.Post(p.ID)
	events, _ = st.Events(p.ID)
	last := events[len(events)-1]
	if after.Status != StatusReady || last.Kind != EventInvalidated || last.Reason != ReasonSettings {
		t.Errorf("after a settings change: %s, last event %+v", after.Status, last)
	}
	if n, _ := st.Revalidate(); n != 0 {
		t.Errorf("a second revalidation found %d", n)
	}
}

func TestValidationNeedsARule(t *testing.T) {
	st, _ := openTemp(t)
	p := mustSave(t, st, Post{Title: "x", Body: "y", Status: StatusReady})
	if _, err := st.Validate(p.ID, p.Rev, "Camille"); err == nil {
		t.Fatal("validating without the sender's rule must fail")
	}
}

func TestImportNeverCarriesAValidation(t *testing.T) {
	st, _ := openTemp(t)
	got, err := st.Import([]Post{
		{Title: "a", Status: StatusValidated, Validation: &Validation{By: "x", Hash: "forged"}},
		{Title: "b", Status: StatusPlanned},
		{Title: "c", Status: StatusSending},
	}, RevImport)
	if err != nil {
		t.Fatal(err)
	}
	want := []Status{StatusReady, StatusReady, StatusUnknown}
	for i, p := range got {
		if p.Status != want[i] || p.Validation != nil {
			t.Errorf("%s imported as %s with %+v", p.Title, p.Status, p.Validation)
		}
	}
	if _, err := st.SavePost(Post{Title: "new", Status: StatusValidated}); !errors.Is(err, ErrStatus) {
		t.Errorf("a new post saved as validated: %v", err)
	}
}

func TestDeleteSamplesDropsTheirEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openWithHash(t, path, testHash(""))
	defer st.Close()
	p := mustSave(t, st, Post{Title: "exemple", Body: "b", Status: StatusReady, Sample: true})
	if _, err := st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	if n, err := st.DeleteSamples(); err != nil || n != 1 {
		t.Fatalf("delete samples: %d %v", n, err)
	}
	if ev, err := st.Events(p.ID); err != nil || len(ev) != 0 {
		t.Errorf("events left: %v %+v", err, ev)
	}
}
