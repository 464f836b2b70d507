package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// publish sends a validated post to a WhatsApp destination and records
// the receipt, as the dispatcher does.
func publish(t *testing.T, st *Store, p Post, dest string, serverID int64) Send {
	t.Helper()
	snd := mustQueue(t, st, p.ID, time.Time{}, dest)[0]
	mustBegin(t, st, snd.ID)
	done, err := st.FinishSendReceipt(snd.ID, Receipt{RemoteID: "msg-1", ServerID: serverID, Channel: "120363@newsletter"})
	if err != nil {
		t.Fatalf("finish %s: %v", snd.ID, err)
	}
	return done
}

func onlyPublication(t *testing.T, st *Store, id string) Publication {
	t.Helper()
	pubs, err := st.Publications(id)
	if err != nil || len(pubs) != 1 {
		t.Fatalf("publications: %v %+v", err, pubs)
	}
	return pubs[0]
}

func eventKinds(t *testing.T, st *Store, id string) []string {
	t.Helper()
	events, err := st.Events(id)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func TestCorrectionOfAPublishedPost(t *testing.T) {
	c := newClock()
	hash := testHash("")
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, hash)
	p := validatedPost(t, st, "piscine")
	snd := publish(t, st, p, "whatsapp", 101)
	if a := snd.Last(); a.ServerID != 101 || a.Channel != "120363@newsletter" || a.RemoteID != "msg-1" || snd.State != SendSent {
		t.Fatalf("receipt not kept: %+v", snd)
	}
	pub := onlyPublication(t, st, p.ID)
	if pub.SendID != snd.ID || pub.ServerID != 101 || pub.MessageID != "msg-1" || pub.Destination != "whatsapp" ||
		pub.Hash != p.Validation.Hash || pub.CorrectionReady || pub.Deleted || pub.Pending != "" || !pub.At.Equal(c.now()) {
		t.Fatalf("publication %+v", pub)
	}
	if _, _, err := st.BeginEdit(snd.ID, "Camille"); !errors.Is(err, ErrNothingToEdit) {
		t.Fatalf("edit of an unchanged post: %v", err)
	}

	// Edited: it stays sent and loses its validation.
	cur, _ := st.Post(p.ID)
	cur.Body = "*piscine* : horaires d'été, fermée lundi"
	edited := mustSave(t, st, cur)
	if edited.Status != StatusSent || edited.Validation != nil {
		t.Fatalf("edited sent post: %s %+v", edited.Status, edited.Validation)
	}
	if pub := onlyPublication(t, st, p.ID); pub.CorrectionReady {
		t.Fatal("an unvalidated correction is ready")
	}
	if _, _, err := st.BeginEdit(snd.ID, "Camille"); !errors.Is(err, ErrNotValidated) {
		t.Fatalf("edit before validation: %v", err)
	}

	// Validated again: still sent, and the correction is pending.
	v, err := st.Validate(p.ID, edited.Rev, "Camille")
	if err != nil || v.Status != StatusSent || v.Validation == nil || v.Validation.Hash != hash(edited) {
		t.Fatalf("validate a sent post: %v %s %+v", err, v.Status, v.Validation)
	}
	if pub := onlyPublication(t, st, p.ID); !pub.CorrectionReady {
		t.Fatal("the validated correction is not ready")
	}

	// An edit with no answer: pending, still ready (sending it again is harmless).
	c.advance(time.Minute)
	if _, _, err := st.BeginEdit(snd.ID, "Camille"); err != nil {
		t.Fatal(err)
	}
	if pub := onlyPublication(t, st, p.ID); pub.Pending != EventEditing || !pub.CorrectionReady {
		t.Fatalf("begun edit: %+v", pub)
	}
	if _, err := st.EndEdit(snd.ID, "Camille", v.Validation.Hash, SendUnknown, Failure{Detail: "no answer"}); err != nil {
		t.Fatal(err)
	}
	if pub := onlyPublication(t, st, p.ID); pub.Pending != EventEditing || !pub.CorrectionReady || pub.Hash != p.Validation.Hash {
		t.Fatalf("unknown edit: %+v", pub)
	}

	// Again, and the channel takes it.
	_, got, err := st.BeginEdit(snd.ID, "Camille")
	if err != nil || got.Body != edited.Body {
		t.Fatalf("begin edit: %v %q", err, got.Body)
	}
	pub, err = st.EndEdit(snd.ID, "Camille", v.Validation.Hash, SendSent, Failure{})
	if err != nil || pub.Hash != v.Validation.Hash || pub.CorrectionReady || pub.Pending != "" || !pub.Edited.Equal(c.now()) {
		t.Fatalf("edited: %v %+v", err, pub)
	}
	if got := postStatus(t, st, p.ID); got != StatusSent {
		t.Errorf("the post is %s after the edit", got)
	}
	want := []string{EventValidated, EventInvalidated, EventValidated, EventEditing, EventEditUnknown, EventEditing, EventEdited}
	if got := eventKinds(t, st, p.ID); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("events %v, want %v", got, want)
	}
	events, _ := st.Events(p.ID)
	if e := events[len(events)-1]; e.By != "Camille" || e.Send != snd.ID || e.Destination != "whatsapp" || e.Hash != v.Validation.Hash {
		t.Errorf("edited event %+v", e)
	}

	// Withdrawn: a failed attempt, then done; the post stays sent.
	if _, err := st.BeginDelete(snd.ID, "Dominique"); err != nil {
		t.Fatal(err)
	}
	if pub, err := st.EndDelete(snd.ID, "Dominique", SendFailed, Failure{Detail: "refused"}); err != nil || pub.Deleted || pub.Pending != "" {
		t.Fatalf("failed delete: %v %+v", err, pub)
	}
	if all, err := st.AllPublications(); err != nil || len(all) != 1 {
		t.Fatalf("all publications before the deletion: %v %+v", err, all)
	}
	st.BeginDelete(snd.ID, "Dominique")
	if pub, err := st.EndDelete(snd.ID, "Dominique", SendSent, Failure{}); err != nil || !pub.Deleted || pub.CorrectionReady {
		t.Fatalf("delete: %v %+v", err, pub)
	}
	if _, err := st.BeginDelete(snd.ID, "Dominique"); !errors.Is(err, ErrWithdrawn) {
		t.Errorf("delete twice: %v", err)
	}
	if _, _, err := st.BeginEdit(snd.ID, "Dominique"); !errors.Is(err, ErrWithdrawn) {
		t.Errorf("edit after deletion: %v", err)
	}
	if all, err := st.AllPublications(); err != nil || len(all) != 0 {
		t.Errorf("a deleted publication is still listed: %v %+v", err, all)
	}
	if got := postStatus(t, st, p.ID); got != StatusSent {
		t.Errorf("the post is %s after the deletion", got)
	}
}

func TestCorrectionOnlyOfWhatsAppPublications(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "marche")
	snd := mustQueue(t, st, p.ID, time.Time{}, "telegram")[0]
	mustBegin(t, st, snd.ID)
	mustFinish(t, st, snd.ID, SendSent, "42", "")
	if pubs, err := st.Publications(p.ID); err != nil || len(pubs) != 0 {
		t.Fatalf("a telegram send is a publication: %v %+v", err, pubs)
	}
	if _, _, err := st.BeginEdit(snd.ID, "Camille"); !errors.Is(err, ErrNotPublished) {
		t.Errorf("edit of a telegram send: %v", err)
	}
	if _, err := st.EndEdit(snd.ID, "Camille", "", "sideways", Failure{}); err == nil {
		t.Error("an edit ended in no known state")
	}
}

func TestCorrectionCutShortShowsPending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	c := newClock()
	st := openDesk(t, path, c, testHash(""))
	p := validatedPost(t, st, "voirie")
	snd := publish(t, st, p, "whatsapp", 7)
	if _, err := st.BeginDelete(snd.ID, "Camille"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openDesk(t, path, c, testHash(""))
	pub := onlyPublication(t, st, p.ID)
	if pub.Pending != EventDeleting || pub.Deleted {
		t.Fatalf("a deletion cut short: %+v", pub)
	}
	// Until someone withdraws it again, an edit is refused.
	cur, _ := st.Post(p.ID)
	cur.Body += " (modifié)"
	cur = mustSave(t, st, cur)
	if _, err := st.Validate(p.ID, cur.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.BeginEdit(snd.ID, "Camille"); !errors.Is(err, ErrStatus) {
		t.Errorf("edit while the deletion is unknown: %v", err)
	}
}

func TestCardThumbnailKeptApart(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "fete")
	jpeg := []byte("\xff\xd8 small jpeg")
	saved, err := st.SetCard(p.ID, Card{URL: p.Link, Title: "Fête", Image: "https://valbourg.fr/f.jpg", Status: 200, Fetched: c.now(), Thumb: jpeg})
	if err != nil || saved.Card == nil || saved.Card.ThumbSum == "" || saved.Card.Thumb != nil {
		t.Fatalf("set card: %v %+v", err, saved.Card)
	}
	if b, err := st.Thumbnail(saved.Card.ThumbSum); err != nil || string(b) != string(jpeg) {
		t.Fatalf("thumbnail: %v %q", err, b)
	}
	revs := mustRevisions(t, st, p.ID)
	if last := revs[len(revs)-1].Post.Card; last.Thumb != nil || last.ThumbSum != saved.Card.ThumbSum {
		t.Errorf("the revision holds %+v", last)
	}
	// Fetched again without its image (the image server was down): the
	// thumbnail stands, and nothing changed.
	again, err := st.SetCard(p.ID, Card{URL: p.Link, Title: "Fête", Image: "https://valbourg.fr/f.jpg", Status: 200, Fetched: c.now().Add(time.Hour)})
	if err != nil || again.Card.ThumbSum != saved.Card.ThumbSum || again.Rev != saved.Rev {
		t.Fatalf("refetch: %v %+v rev %d/%d", err, again.Card, again.Rev, saved.Rev)
	}
	// Another image: no thumbnail until one is made.
	other, err := st.SetCard(p.ID, Card{URL: p.Link, Title: "Fête", Image: "https://valbourg.fr/g.jpg", Status: 200, Fetched: c.now()})
	if err != nil || other.Card.ThumbSum != "" {
		t.Fatalf("new image: %v %+v", err, other.Card)
	}
	if _, err := st.Thumbnail("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing thumbnail: %v", err)
	}
}
