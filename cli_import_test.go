package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"crieur/picture/picturetest"
	"crieur/store"
	"crieur/store/storetest"
	"crieur/ui/i18n"
)

// importBudget is the most resident memory an import of 100,000 posts
// may take; an import keeps its memory flat, whatever the number of posts.
const importBudget = 200 << 20

// TestImportKilledHalfWayAndItsMemory imports 20,000 posts through the real
// program, killed in the middle first: that import is taken back whole,
// and the next one goes in whole, within importBudget of resident memory
// at its peak, as the kernel counts it. BenchmarkImportMemory measures
// 100,000.
func TestImportKilledHalfWayAndItsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 posts through the real program; run without -short")
	}
	const n = 20_000
	d := newDesk(t)
	d.ok(`{"title":"Déjà là","body":"*Piscine* fermée","status":"draft"}`, "import", "-")
	before := contentOf(t, d.db)
	path := filepath.Join(d.dir, "posts.jsonl")
	writePosts(t, path, n)

	// Killed once a few batches are in the file.
	cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "import", path)
	cmd.Env = deskEnv(d)
	start, err := os.Stat(d.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(exitTimeout)
	for {
		info, err := os.Stat(d.db)
		if err == nil && info.Size() > start.Size()+8<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the import wrote nothing in time")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if after := contentOf(t, d.db); after != before {
		t.Fatal("an import killed in the middle left some of its posts")
	}

	peak := importPeak(t, d, path, n)
	t.Logf("importing %d posts: peak resident memory %.1f MB (budget %d MB)", n, float64(peak)/(1<<20), importBudget>>20)
	if peak > importBudget {
		t.Errorf("importing %d posts took %d MB at its peak, over %d MB", n, peak>>20, importBudget>>20)
	}
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if sums, err := st.Summaries(); err != nil || len(sums) != n+1 {
		t.Errorf("%d posts in the data file, %v", len(sums), err)
	}
}

// BenchmarkImportMemory imports 100,000 posts through the real program and
// reports its peak resident memory, as the kernel counts it.
func BenchmarkImportMemory(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	path := filepath.Join(dir, "posts.jsonl")
	writePosts(b, path, n)
	var peak int64
	for i := 0; i < b.N; i++ {
		d := &desk{dir: dir, db: filepath.Join(dir, fmt.Sprint(i), "crieur.db"), cfg: filepath.Join(dir, "config.toml")}
		peak = max(peak, importPeak(b, d, path, n))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// importPeak imports the posts of path into d through the program and
// returns its peak resident memory, in bytes.
func importPeak(tb testing.TB, d *desk, path string, n int) int64 {
	tb.Helper()
	cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "--lang", "en", "import", path)
	cmd.Env = append(os.Environ(), "HOME="+d.dir, "LANG=C")
	out, err := cmd.CombinedOutput()
	want := fmt.Sprintf("imported %s posts\n", i18n.For("en").Count(n))
	if err != nil || !strings.HasSuffix(string(out), want) {
		tb.Fatalf("import: %v\n%s", err, lastLines(string(out), 3))
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // kilobytes on Linux
}

// writePosts writes n of the generated channel's posts as JSON lines,
// newest first as export writes them.
func writePosts(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range n {
		p := storetest.Post(i, storetest.Now())
		status := p.Status
		if status == store.StatusSending || status == store.StatusUnknown {
			status = store.StatusFailed // a file cannot tell how a send in flight ended
		}
		enc.Encode(exchangePost{Title: p.Title, Body: p.Body, Link: p.Link, Category: p.Category, Status: string(status),
			Notes: p.Notes, Image: p.Image, Alt: p.Alt, Created: p.Created.Format(time.RFC3339Nano)})
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// Export carries the picture with its post: export then import gives the
// same posts, picture included, though the file it was taken from is gone,
// in JSON lines and in CSV.
func TestExportImportKeepsThePicture(t *testing.T) {
	d := newDesk(t)
	photo := picturetest.JPEG(t, 120, 80)
	path := d.write("affiche.jpg", string(photo))
	line, _ := json.Marshal(exchangePost{Title: "Affiche", Body: "Le marché ouvre.", Link: "https://www.valbourg.fr/marche",
		Category: "event", Status: "ready", Image: path, Alt: "l’affiche du marché", Created: "2025-11-24T09:00:00+01:00"})
	d.ok(string(line)+"\n", "import", "-")
	os.Remove(path)
	jsonl := d.ok("", "export")
	var e exchangePost
	if err := json.Unmarshal([]byte(jsonl), &e); err != nil || e.Image != path {
		t.Fatalf("export: %v %q", err, jsonl)
	}
	if raw, err := base64.StdEncoding.DecodeString(e.Picture); err != nil || !bytes.Equal(raw, photo) {
		t.Fatalf("the exported picture is not the one taken in (%v)", err)
	}
	for _, format := range []string{"jsonl", "csv"} {
		out := d.ok("", "export", "--format", format)
		d2 := newDesk(t)
		d2.ok(out, "import", "--format", format, "-")
		if again := d2.ok("", "export"); again != jsonl {
			t.Errorf("%s round trip differs:\n%s\nwant:\n%s", format, again, jsonl)
		}
		p := postTitled(t, d2, "Affiche")
		if pic := p.PictureFor(); !pic.Kept() || pic.Width != 120 || pic.Height != 80 || pic.Type != "image/jpeg" {
			t.Errorf("%s: the picture imported: %+v", format, p.Picture)
		}
		if r := d2.run("", "preview", p.ID); r.code != 0 || !strings.Contains(r.stdout, "▀") {
			t.Errorf("%s: the imported post's preview: exit %d\n%s", format, r.code, r.stdout)
		}
	}
	// A picture field that is not a picture is refused by line.
	bad, _ := json.Marshal(exchangePost{Title: "Faux", Image: "x.jpg", Picture: base64.StdEncoding.EncodeToString([]byte("#!/bin/sh\nrm -rf ~\n"))})
	r := d.run(string(bad)+"\n", "import", "-")
	if r.code != exitError || !strings.Contains(r.stderr, "stdin:1: picture: the image is neither a JPEG nor a PNG") {
		t.Errorf("a picture that is not one: exit %d, %q", r.code, r.stderr)
	}
}
