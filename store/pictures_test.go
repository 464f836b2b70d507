package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// pictureHash is a message rule that, like the sender's seal, binds the
// picture kept for a post, not its path.
func pictureHash(p Post) string { return sealWith(nil)(p) }

// sealWith is pictureHash where a post of schema 1, without a picture, is
// sealed with the bytes of its file in onDisk, as crieur did then.
func sealWith(onDisk map[string][]byte) HashFunc {
	return func(p Post) string { return seal(p, onDisk) }
}

func seal(p Post, onDisk map[string][]byte) string {
	sum := ""
	if pic := p.PictureFor(); pic.Kept() {
		sum = pic.Sum
	} else if b, ok := onDisk[p.Image]; ok {
		sum = sumOf(b)
	} else if p.Image != "" {
		sum = "unreadable"
	}
	h := sha256.Sum256([]byte(p.Body + "\x00" + p.Image + "\x00" + sum))
	return hex.EncodeToString(h[:])
}

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func withPicture(p Post, path string, b []byte) Post {
	p.Image = path
	p.Picture = &Picture{From: path, Type: "image/jpeg", Width: 4, Height: 3, Bytes: b}
	return p
}

func TestAPictureIsKeptOnceAndSharedByRevisions(t *testing.T) {
	st := openWithHash(t, filepath.Join(t.TempDir(), "crieur.db"), pictureHash)
	photo := []byte("\xff\xd8\xff pretend these are the bytes of a photo")
	p := mustSave(t, st, withPicture(Post{Title: "Piscine", Body: "Fermée.", Alt: "le bassin"}, "piscine.jpg", photo))
	if p.Picture == nil || p.Picture.Sum != sumOf(photo) || p.Picture.Size != len(photo) || p.Picture.Bytes != nil {
		t.Fatalf("saved picture: %+v", p.Picture)
	}
	got, err := st.Picture(p.Picture.Sum)
	if err != nil || string(got) != string(photo) {
		t.Fatalf("Picture(%s) = %q, %v", p.Picture.Sum, got, err)
	}
	if !p.PictureFor().Kept() || p.NeedsPicture() {
		t.Errorf("a kept picture: PictureFor %+v, NeedsPicture %v", p.PictureFor(), p.NeedsPicture())
	}
	// A second post with the same photo, and an edit: the bytes are kept once.
	mustSave(t, st, withPicture(Post{Title: "Piscine bis", Alt: "le bassin"}, "/ailleurs/piscine.jpg", photo))
	p.Body = "Fermée pour vidange."
	p = mustSave(t, st, p)
	if n := countPictures(t, st); n != 1 {
		t.Errorf("%d pictures kept for one photo", n)
	}
	revs := mustRevisions(t, st, p.ID)
	if len(revs) != 2 || revs[0].Post.Picture.Sum != revs[1].Post.Picture.Sum {
		t.Errorf("revisions do not share the picture: %+v", revs)
	}

	// A new image path, not yet taken, needs a picture; one that could not
	// be taken says why, and needs one still.
	p.Image = "autre.jpg"
	if p.PictureFor() != nil || !p.NeedsPicture() {
		t.Errorf("a typed path: PictureFor %+v, NeedsPicture %v", p.PictureFor(), p.NeedsPicture())
	}
	p.Picture = &Picture{From: "autre.jpg", Problem: "format"}
	p = mustSave(t, st, p)
	if pic := p.PictureFor(); pic == nil || pic.Kept() || pic.Problem != "format" || !p.NeedsPicture() {
		t.Errorf("a refused picture: %+v", p.Picture)
	}

	// Restoring the first revision brings its picture back.
	restored, err := st.Restore(p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if pic := restored.PictureFor(); !pic.Kept() || pic.Sum != sumOf(photo) || restored.Image != "piscine.jpg" {
		t.Errorf("restored picture: %q %+v", restored.Image, restored.Picture)
	}
}

func TestAPictureTheFileDoesNotHoldIsRefused(t *testing.T) {
	st, _ := openTemp(t)
	_, err := st.SavePost(Post{Title: "forgé", Image: "x.jpg", Picture: &Picture{From: "x.jpg", Sum: sumOf([]byte("absent"))}})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("a post naming a picture the file does not hold: %v", err)
	}
	if sums, _ := st.Summaries(); len(sums) != 0 {
		t.Errorf("the refused post was saved")
	}
}

func TestAChangedPictureSendsAValidatedPostBackToReady(t *testing.T) {
	st := openWithHash(t, filepath.Join(t.TempDir(), "crieur.db"), pictureHash)
	p := mustSave(t, st, withPicture(Post{Title: "Marché", Body: "Samedi.", Status: StatusReady, Alt: "les étals"}, "marche.jpg", []byte("v1")))
	p, err := st.Validate(p.ID, p.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	// The same path, retaken with the same bytes: nothing changes.
	p.Picture = &Picture{From: "marche.jpg", Bytes: []byte("v1")}
	if again := mustSave(t, st, p); again.Rev != p.Rev || again.Status != StatusValidated {
		t.Errorf("the same picture again: rev %d status %s", again.Rev, again.Status)
	}
	p.Picture = &Picture{From: "marche.jpg", Bytes: []byte("v2")}
	if changed := mustSave(t, st, p); changed.Status != StatusReady || changed.Validation != nil {
		t.Errorf("another picture: status %s, validation %+v", changed.Status, changed.Validation)
	}
}

func countPictures(t *testing.T, st *Store) int {
	t.Helper()
	n := 0
	err := st.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketPictures).Stats().KeyN
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// schema1 turns the data file at path back into what a crieur of schema 1
// wrote: no pictures bucket, no record of pictures taken, and posts whose
// image is a path alone.
func schema1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketPictures, bucketImporting} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Delete(keyPicturesTaken); err != nil {
			return err
		}
		return meta.Put(keySchema, u64key(1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestASchema1FileHasItsPicturesTakenIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	onDisk := map[string][]byte{"photos/la.jpg": []byte("the photo"), "photos/partie.jpg": []byte("a photo since deleted")}
	st := openWithHash(t, path, sealWith(onDisk))
	plain := mustSave(t, st, Post{Title: "sans image", Body: "texte"})
	kept := mustSave(t, st, Post{Title: "image là", Body: "b", Image: "photos/la.jpg", Status: StatusReady, Alt: "a"})
	kept, err := st.Validate(kept.ID, kept.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	gone := mustSave(t, st, Post{Title: "image partie", Body: "b", Image: "photos/partie.jpg", Status: StatusReady, Alt: "a"})
	gone, err = st.Validate(gone.ID, gone.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	schema1(t, path)
	delete(onDisk, "photos/partie.jpg")

	st = openWithHash(t, path, sealWith(onDisk))
	todo, pending, err := st.PicturesToTake()
	if err != nil || len(todo) != 2 || !pending {
		t.Fatalf("pictures to take: %d, %v; want the two posts with an image", len(todo), err)
	}
	// What the desk read: the first file is there and a picture, the
	// second is gone.
	for i := range todo {
		switch todo[i].ID {
		case kept.ID:
			todo[i].Picture = &Picture{From: todo[i].Image, Type: "image/jpeg", Bytes: []byte("the photo")}
		case gone.ID:
			todo[i].Picture = &Picture{From: todo[i].Image, Problem: "missing"}
		}
	}
	lost, err := st.TakePictures(todo, true)
	if err != nil || lost != 1 {
		t.Fatalf("TakePictures: %d validations lost, %v; want the one whose picture is gone", lost, err)
	}
	if again, pending, err := st.PicturesToTake(); err != nil || len(again) != 0 || pending {
		t.Errorf("pictures left to take after the upgrade: %d, %v", len(again), err)
	}
	k, _ := st.Post(kept.ID)
	g, _ := st.Post(gone.ID)
	if !k.PictureFor().Kept() || g.PictureFor() == nil || g.PictureFor().Problem != "missing" {
		t.Errorf("after taking: kept %+v, gone %+v", k.Picture, g.Picture)
	}
	if revs := mustRevisions(t, st, k.ID); revs[len(revs)-1].Kind != RevPicture {
		t.Errorf("the taking is not a revision of its own: %+v", revs[len(revs)-1])
	}
	if g.Status != StatusReady || g.Validation != nil {
		t.Errorf("a validated post whose picture is gone: %s", g.Status)
	}
	events, _ := st.Events(g.ID)
	if last := events[len(events)-1]; last.Kind != EventInvalidated || last.Reason != ReasonPicture {
		t.Errorf("the lost validation's event: %+v", last)
	}
	if p, _ := st.Post(plain.ID); p.Rev != plain.Rev {
		t.Error("a post without an image was rewritten")
	}
	st.Close()
	// The file is now of this schema: a crieur of schema 1 refuses it.
	var schema uint64
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error { schema = u64(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	db.Close()
	if schema != SchemaVersion {
		t.Errorf("schema after the upgrade: %d", schema)
	}
}

func TestANewFileHasNoPicturesToTake(t *testing.T) {
	st, _ := openTemp(t)
	mustSave(t, st, Post{Title: "neuf", Image: "x.jpg"})
	if todo, pending, err := st.PicturesToTake(); err != nil || len(todo) != 0 || pending {
		t.Errorf("a file of this schema lists %d pictures to take, %v", len(todo), err)
	}
}
