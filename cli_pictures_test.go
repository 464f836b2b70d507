package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"crieur/picture/picturetest"
	"crieur/sender"
	"crieur/store"
)

// A data file from a crieur that named pictures by their path alone
// keeps working: the first send --due takes the pictures in; a validated
// post whose file is still there and unchanged keeps its validation and
// goes out with those bytes; one whose file is gone goes back to ready,
// the run says so, and its check names the image.
func TestAnOlderDataFileHasItsPicturesTakenIn(t *testing.T) {
	d := newDesk(t)
	hook := newRecordingHook(t)
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + hook.URL + "\"\n")
	photo := picturetest.JPEG(t, 40, 30)
	there := d.write("la.jpg", string(photo))
	gone := d.write("partie.jpg", string(picturetest.PNG(t, 8, 8)))
	conf := d.loadSettings(t)
	// What that crieur sealed: the message with the SHA-256 of the file.
	oldSeal := func(p store.Post) string {
		b, err := os.ReadFile(p.Image)
		if err != nil {
			return sender.Seal(p, conf)
		}
		sum := sha256.Sum256(b)
		p.Picture = &store.Picture{From: p.Image, Sum: hex.EncodeToString(sum[:])}
		return sender.Seal(p, conf)
	}
	st, err := store.Open(d.db, store.Options{Hash: oldSeal})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, image := range []string{there, gone} {
		p, err := st.SavePost(store.Post{Title: []string{"Photo là", "Photo partie"}[i], Body: "Texte.", Link: "https://www.valbourg.fr/a",
			Category: "event", Image: image, Alt: "une photo", Status: store.StatusReady})
		if err != nil {
			t.Fatal(err)
		}
		if p, err = st.Validate(p.ID, p.Rev, "Camille"); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if _, err := st.Queue(ids[0], []string{"hook"}, time.Now(), false, ""); err != nil {
		t.Fatal(err)
	}
	st.Close()
	toSchema1(t, d.db)
	os.Remove(gone)

	r := d.run("", "send", "--due")
	if r.code != 0 || !strings.Contains(r.stdout, "sent") {
		t.Fatalf("send --due on an older file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if want := "crieur: warning: the pictures of 2 posts were taken into the data file, as this crieur keeps them\n" +
		"crieur: warning: 1 picture could not be: its post's checks say why\n" +
		"crieur: warning: 1 validated post went back to ready: its picture is not the one validated\n"; r.stderr != want {
		t.Errorf("the run does not say what became of the pictures: %q", r.stderr)
	}
	var got sender.WebhookPayload
	if err := json.Unmarshal(hook.all(), &got); err != nil || got.Image == nil {
		t.Fatalf("the webhook got %v %+v", err, got)
	}
	if raw, _ := base64.StdEncoding.DecodeString(got.Image.Data); !bytes.Equal(raw, photo) {
		t.Error("the picture sent is not the file's")
	}
	r = d.run("", "preview", ids[1])
	if r.code != exitError || !strings.Contains(r.stdout, "error: image-missing: image not found: "+gone) {
		t.Errorf("the post whose picture is gone: exit %d\n%s", r.code, r.stdout)
	}
	if list := d.ok("", "list", "--status", "ready"); !strings.Contains(list, "Photo partie") {
		t.Errorf("the post whose picture is gone is not back to ready:\n%s", list)
	}
	// Once taken in, nothing is read again.
	if r := d.run("", "send", "--due"); strings.Contains(r.stderr, "pictures") {
		t.Errorf("the pictures were taken in twice: %q", r.stderr)
	}
}

// toSchema1 turns a data file back into what a crieur of schema 1 wrote:
// no pictures bucket, no record of pictures taken.
func toSchema1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"pictures", "importing"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte("meta"))
		if err := meta.Delete([]byte("pictures-taken")); err != nil {
			return err
		}
		return meta.Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, 1})
	})
	if err != nil {
		t.Fatal(err)
	}
}
