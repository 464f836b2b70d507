package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestReleaseOfThisPlatform runs the release for the platform the test
// runs on, then unpacks the archive as a person would and runs the binary.
func TestReleaseOfThisPlatform(t *testing.T) {
	if testing.Short() {
		t.Skip("builds crieur")
	}
	platform := runtime.GOOS + "/" + runtime.GOARCH
	out := t.TempDir()
	r := release{version: "v0.0.0-test", root: filepath.Join("..", ".."), out: out, stamp: stamp(), log: io.Discard}
	if err := r.run([]string{platform}); err != nil {
		t.Fatal(err)
	}
	base := "crieur-v0.0.0-test-" + runtime.GOOS + "-" + runtime.GOARCH
	exe := "crieur"
	name := base + ".tar.gz"
	if runtime.GOOS == "windows" {
		exe, name = "crieur.exe", base+".zip"
	}
	archive, err := os.ReadFile(filepath.Join(out, name))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(archive)
	if want := hex.EncodeToString(sum[:]) + "  " + name + "\n"; string(sums) != want {
		t.Errorf("SHA256SUMS = %q, want %q", sums, want)
	}

	files := unpack(t, name, archive)
	for _, want := range []string{base + "/" + exe, base + "/README.md", base + "/LICENSE"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s lacks %s (has %v)", name, want, keys(files))
		}
	}
	if len(files) != 3 {
		t.Errorf("%s holds %d files, want 3: %v", name, len(files), keys(files))
	}
	readme, _ := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if !bytes.Equal(files[base+"/README.md"].data, readme) {
		t.Error("the archive's README differs from the repository's")
	}
	bin := filepath.Join(t.TempDir(), exe)
	if err := os.WriteFile(bin, files[base+"/"+exe].data, os.FileMode(files[base+"/"+exe].mode)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=", "LC_MESSAGES=", "HOME="+t.TempDir())
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("the released binary: %v", err)
	}
	if !strings.HasPrefix(string(got), "crieur v0.0.0-test") {
		t.Errorf("crieur version printed %q", got)
	}

	// The same sources give the same archive.
	again := t.TempDir()
	r.out = again
	if err := r.run([]string{platform}); err != nil {
		t.Fatal(err)
	}
	if second, err := os.ReadFile(filepath.Join(again, name)); err != nil || !bytes.Equal(second, archive) {
		t.Errorf("a second release differs from the first (%v)", err)
	}
}

// TestZipForWindows packs files as the Windows release does and reads
// them back.
func TestZipForWindows(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "crieur.exe")
	if err := os.WriteFile(bin, []byte("MZ not really a program"), 0o755); err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2025, 3, 4, 5, 6, 8, 0, time.UTC)
	files := []entry{
		{name: "crieur-v1-windows-amd64/crieur.exe", path: bin, mode: 0o755},
		{name: "crieur-v1-windows-amd64/LICENSE", path: filepath.Join("..", "..", "LICENSE"), mode: 0o644},
	}
	path := filepath.Join(dir, "crieur.zip")
	if err := writeZip(path, files, stamp); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := unpack(t, "crieur.zip", data)
	if f := got["crieur-v1-windows-amd64/crieur.exe"]; string(f.data) != "MZ not really a program" || f.mode != 0o755 || !f.modified.Equal(stamp) {
		t.Errorf("crieur.exe came back as %q, mode %o, at %v", f.data, f.mode, f.modified)
	}
	if len(got["crieur-v1-windows-amd64/LICENSE"].data) == 0 {
		t.Error("the licence is empty")
	}
}

type unpacked struct {
	data     []byte
	mode     int64
	modified time.Time
}

func unpack(t *testing.T, name string, archive []byte) map[string]unpacked {
	t.Helper()
	files := map[string]unpacked{}
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name] = unpacked{data, int64(f.Mode().Perm()), f.Modified.UTC()}
		}
		return files
	}
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = unpacked{data, h.Mode, h.ModTime}
	}
	return files
}

func keys(m map[string]unpacked) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
