// Command release builds crieur for every platform a town hall may use and
// packs each build with the README and the licence: a zip for Windows, a
// tar.gz elsewhere, and a SHA256SUMS file over them, in the format that
// sha256sum -c and shasum -a 256 -c read.
//
//	go run ./internal/release -version v1.2.0 -out dist
//
// The binaries are static (CGO_ENABLED=0), built with -trimpath, and carry
// the version that crieur version prints. The archives' entries have fixed
// modes and a fixed time (SOURCE_DATE_EPOCH when set), so the same commit
// gives the same archives.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Platforms are the GOOS/GOARCH pairs of a release.
var Platforms = []string{"windows/amd64", "darwin/arm64", "darwin/amd64", "linux/amd64", "linux/arm64"}

// docs are the files beside the binary in every archive, from the
// repository's root.
var docs = []string{"README.md", "LICENSE"}

func main() {
	version := flag.String("version", "", "the version, as v1.2.0 (required)")
	out := flag.String("out", "dist", "the folder the archives go to")
	only := flag.String("platforms", strings.Join(Platforms, ","), "GOOS/GOARCH pairs, comma-separated")
	root := flag.String("root", ".", "the repository's root")
	flag.Parse()
	if *version == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/release -version v1.2.0 [-out dist] [-platforms linux/amd64,...]")
		os.Exit(2)
	}
	r := release{version: *version, root: *root, out: *out, stamp: stamp(), log: os.Stderr}
	if err := r.run(strings.Split(*only, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

// stamp is the time written on every entry: SOURCE_DATE_EPOCH when set,
// else the start of 2025.
func stamp() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
}

// release is one run: what it builds, from where, to where.
type release struct {
	version, root, out string
	stamp              time.Time
	log                io.Writer
}

// run builds and packs each platform, then writes SHA256SUMS.
func (r release) run(platforms []string) error {
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return err
	}
	build, err := os.MkdirTemp("", "crieur-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(build)
	var archives []string
	for _, p := range platforms {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(p), "/")
		if !ok || goos == "" || goarch == "" {
			return fmt.Errorf("platform %q: write it as GOOS/GOARCH", p)
		}
		name, err := r.platform(build, goos, goarch)
		if err != nil {
			return fmt.Errorf("%s/%s: %w", goos, goarch, err)
		}
		fmt.Fprintln(r.log, filepath.Join(r.out, name))
		archives = append(archives, name)
	}
	return r.sums(archives)
}

// platform builds the binary for one platform and packs it, returning the
// archive's name.
func (r release) platform(build, goos, goarch string) (string, error) {
	base := fmt.Sprintf("crieur-%s-%s-%s", r.version, goos, goarch)
	exe := "crieur"
	if goos == "windows" {
		exe += ".exe"
	}
	bin := filepath.Join(build, base, exe)
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin,
		"-ldflags", "-s -w -X main.releaseVersion="+r.version, ".")
	cmd.Dir = r.root
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = r.log, r.log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	files := []entry{{name: base + "/" + exe, path: bin, mode: 0o755}}
	for _, d := range docs {
		files = append(files, entry{name: base + "/" + d, path: filepath.Join(r.root, d), mode: 0o644})
	}
	if goos == "windows" {
		return base + ".zip", writeZip(filepath.Join(r.out, base+".zip"), files, r.stamp)
	}
	return base + ".tar.gz", writeTarGz(filepath.Join(r.out, base+".tar.gz"), files, r.stamp)
}

// entry is one file of an archive: its name there, where it is read from,
// and its mode.
type entry struct {
	name, path string
	mode       int64
}

func writeZip(path string, files []entry, stamp time.Time) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer closeInto(f, &err)
	zw := zip.NewWriter(f)
	for _, e := range files {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: stamp}
		h.SetMode(os.FileMode(e.mode))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if err := copyFile(w, e.path); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeTarGz(path string, files []entry, stamp time.Time) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer closeInto(f, &err)
	gz := gzip.NewWriter(f)
	gz.ModTime = stamp
	tw := tar.NewWriter(gz)
	for _, e := range files {
		info, err := os.Stat(e.path)
		if err != nil {
			return err
		}
		h := &tar.Header{Name: e.name, Mode: e.mode, Size: info.Size(), ModTime: stamp, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if err := copyFile(tw, e.path); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func closeInto(f *os.File, err *error) {
	if cerr := f.Close(); *err == nil {
		*err = cerr
	}
}

// sums writes SHA256SUMS over the archives, sorted by name.
func (r release) sums(archives []string) error {
	slices.Sort(archives)
	var b strings.Builder
	for _, name := range archives {
		f, err := os.Open(filepath.Join(r.out, name))
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), name)
	}
	if len(archives) == 0 {
		return errors.New("no platform to build")
	}
	return os.WriteFile(filepath.Join(r.out, "SHA256SUMS"), []byte(b.String()), 0o644)
}
