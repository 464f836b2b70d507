package sender

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"crieur/picture/picturetest"
	"crieur/store"
)

func TestTakePicture(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "affiche.jpg")
	first := picturetest.JPEG(t, 30, 20)
	if err := os.WriteFile(path, first, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p := TakePicture(ctx, store.Post{Title: "Affiche", Image: path})
	if pic := p.PictureFor(); pic == nil || !pic.Kept() || string(pic.Bytes) != string(first) || pic.Width != 30 || pic.Type != "image/jpeg" {
		t.Fatalf("taken: %+v", p.Picture)
	}
	// Taken once: a later change of the file does not change the post.
	if err := os.WriteFile(path, picturetest.PNG(t, 8, 8), 0o600); err != nil {
		t.Fatal(err)
	}
	kept := p
	kept.Picture.Bytes = nil
	if again := TakePicture(ctx, kept); again.Picture != kept.Picture {
		t.Error("a picture kept was taken again")
	}
	// Cleared, then named again: the file is read anew.
	cleared := kept
	cleared.Image = ""
	if cleared = TakePicture(ctx, cleared); cleared.Picture != nil {
		t.Fatalf("a cleared field keeps %+v", cleared.Picture)
	}
	cleared.Image = path
	if again := TakePicture(ctx, cleared); again.PictureFor() == nil || again.PictureFor().Type != "image/png" {
		t.Errorf("named again: %+v", again.Picture)
	}
	// What is not a picture is said, and kept as a finding.
	for image, want := range map[string]string{"/etc/passwd": "format", "/dev/zero": "not-file", filepath.Join(dir, "absent.jpg"): "missing", dir: "not-file"} {
		got := TakePicture(ctx, store.Post{Image: image})
		if pic := got.PictureFor(); pic == nil || pic.Kept() || pic.Problem != want || pic.Bytes != nil {
			t.Errorf("%s: %+v, want the problem %q", image, got.Picture, want)
		}
	}
}
