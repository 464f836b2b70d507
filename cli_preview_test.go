package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"crieur/store"
)

// previewPost passes every check under the default settings.
const previewPost = `{"title":"Marché de Noël","body":"Le *marché de Noël* ouvre samedi place de la Mairie 🎄\n- vin chaud\n- _chorale_ à 18 h","link":"https://www.valbourg.fr/noel","category":"event"}`

// defaultChannel and defaultWidth are the settings a new settings file
// starts with.
const (
	defaultChannel = "Ville de Valbourg"
	defaultWidth   = 38
)

var clockRE = regexp.MustCompile(`\b\d\d:\d\d\b`)

// frameOf splits a preview's output into the frame's lines and the checks'
// lines, with the clock blanked so that runs a minute apart compare equal.
func frameOf(t *testing.T, out string) (frame, checks []string) {
	t.Helper()
	out = clockRE.ReplaceAllString(out, "HH:MM")
	head, tail, ok := strings.Cut(out, "\n\n")
	if !ok {
		t.Fatalf("no blank line between the frame and the checks:\n%s", out)
	}
	return strings.Split(head, "\n"), strings.Split(strings.TrimSuffix(tail, "\n"), "\n")
}

func frameLines(t *testing.T, out string) []string {
	t.Helper()
	frame, _ := frameOf(t, out)
	return frame
}

// checkPlain checks that a preview is plain text, every frame line width
// cells wide, and returns the frame.
func checkPlain(t *testing.T, out string, width int) []string {
	t.Helper()
	if i := strings.IndexAny(out, "\x1b\x07\u009b"); i >= 0 {
		t.Fatalf("escape byte at %d in plain output: %q", i, out)
	}
	frame, _ := frameOf(t, out)
	if len(frame) < 10 {
		t.Fatalf("frame of %d lines:\n%s", len(frame), out)
	}
	for i, line := range frame {
		if w := ansi.StringWidth(line); w != width {
			t.Errorf("frame line %d is %d cells, want %d: %q", i, w, width, line)
		}
	}
	return frame
}

// importedID imports one post and returns its id.
func (d *desk) importedID(post string) string {
	d.t.Helper()
	d.ok(post+"\n", "import", "-")
	var listed []listedPost
	if err := json.Unmarshal([]byte(d.ok("", "list", "--json")), &listed); err != nil {
		d.t.Fatal(err)
	}
	return listed[0].ID
}

func TestPreviewByIDAndPrefix(t *testing.T) {
	d := newDesk(t)
	id := d.importedID(previewPost)
	out := d.ok("", "preview", id)
	frame := checkPlain(t, out, defaultWidth)
	text := strings.Join(frame, "\n")
	for _, want := range []string{defaultChannel, "Le marché de Noël ouvre", "vin chaud", "valbourg.fr"} {
		if !strings.Contains(text, want) {
			t.Errorf("the frame lacks %q:\n%s", want, text)
		}
	}
	if _, checks := frameOf(t, out); len(checks) != 1 || checks[0] != "Checks: all good." {
		t.Errorf("checks %q", checks)
	}

	// A unique start of the id, in any case, and flags after the id.
	for _, args := range [][]string{{id[:12]}, {strings.ToLower(id[:12])}, {id, "--theme", "dark"}} {
		again, _ := frameOf(t, d.ok("", append([]string{"preview"}, args...)...))
		if strings.Join(again, "\n") != strings.Join(frameLines(t, out), "\n") {
			t.Errorf("preview %v differs from preview by id", args)
		}
	}
	// The light phone is the same text; only colours differ.
	light := checkPlain(t, d.ok("", "preview", "--theme", "light", id), defaultWidth)
	if strings.Join(light, "\n") != strings.Join(frameLines(t, out), "\n") {
		t.Error("--theme light and dark give different plain text")
	}
	for _, width := range []int{20, 31, 80} {
		checkPlain(t, d.ok("", "preview", "--width", strconv.Itoa(width), id), width)
	}
}

func TestPreviewFromFile(t *testing.T) {
	d := newDesk(t)
	path := d.write("post.json", "{\n  \"title\": \"Marché de Noël\",\n  \"body\": \"Le marché ouvre samedi.\",\n  \"link\": \"https://valbourg.fr/noel\",\n  \"category\": \"event\"\n}\n")
	fromFile := checkPlain(t, d.ok("", "preview", "--file", path), defaultWidth)
	fromStdin := checkPlain(t, d.ok(previewPost, "preview", "--width", "44", "--file", "-"), 44)
	if !strings.Contains(strings.Join(fromFile, "\n"), "Le marché ouvre samedi.") || !strings.Contains(strings.Join(fromStdin, "\n"), "vin chaud") {
		t.Errorf("bodies missing:\n%s\n%s", strings.Join(fromFile, "\n"), strings.Join(fromStdin, "\n"))
	}
	if _, err := os.Stat(d.db); err == nil {
		t.Error("preview --file created the data file")
	}

	// A file import would refuse is refused, in one line.
	for _, bad := range []string{`{"title":"x","body":"y","colour":"red"}`, `{"title":1}`, `{"body":"a"} {"body":"b"}`, ``, `[`} {
		r := d.run(bad, "preview", "--file", "-")
		if r.code != 1 || r.stdout != "" {
			t.Errorf("file %q: exit %d, stdout %q", bad, r.code, r.stdout)
		}
		oneLine(t, r.stderr)
	}
	if r := d.run("", "preview", "--file", filepath.Join(d.dir, "absent.json")); r.code != 1 {
		t.Errorf("absent file: exit %d", r.code)
	}
}

// TestPreviewEscapes previews posts whose every field tries to drive the
// terminal: the escape bytes never reach the output, in the frame, in the
// checks or in an error.
func TestPreviewEscapes(t *testing.T) {
	const hostile = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[31mrouge\x1b[0m\x9b31m\u009b1m\u202eevil\x1b]8;;https://evil.example\x1b\\lien\x1b]8;;\x1b\\"
	d := newDesk(t)
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(store.Post{
		Title: "Titre " + hostile, Body: "Corps " + hostile + "\n*gras* " + hostile, Link: "https://valbourg.fr/" + hostile,
		Category: "event" + hostile, Image: "images/" + hostile + ".png", Alt: "alt " + hostile, Notes: hostile,
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{20, defaultWidth, 80} {
		for _, theme := range []string{"dark", "light"} {
			r := d.run("", "preview", "--width", strconv.Itoa(width), "--theme", theme, "--expand", p.ID)
			if r.code != 1 {
				t.Errorf("exit %d, want 1 for the control check", r.code)
			}
			if strings.ContainsAny(r.stdout+r.stderr, "\x1b\x07") || strings.Contains(r.stdout+r.stderr, "\u009b") {
				t.Fatalf("an escape byte got out:\n%q\n%q", r.stdout, r.stderr)
			}
			checkPlain(t, r.stdout, width)
			if !strings.Contains(r.stdout, "␛") || !strings.Contains(r.stdout, "error: control: control character: U+001B") {
				t.Errorf("the escapes are not shown as text, or not reported:\n%s", r.stdout)
			}
			oneLine(t, r.stderr)
		}
	}

	// The same in a file is refused as import refuses it.
	post, _ := json.Marshal(map[string]string{"title": hostile, "body": hostile})
	r := d.run(string(post), "preview", "--file", "-")
	if r.code != 1 || strings.ContainsAny(r.stdout+r.stderr, "\x1b\x07") || !strings.Contains(r.stderr, "control character U+001B") {
		t.Errorf("hostile file: exit %d\n%q\n%q", r.code, r.stdout, r.stderr)
	}
	oneLine(t, r.stderr)
}

// TestPreviewClustersAcrossStyles previews text whose grapheme clusters
// markup cuts in two: without the colours between the halves they join
// again, and the plain frame must still be square.
func TestPreviewClustersAcrossStyles(t *testing.T) {
	d := newDesk(t)
	body := "Drapeau _🇫_🇷, famille *👨*\u200d👩, cœur *❤*\ufe0f, accent *e*\u0301, touche _1_\ufe0f\u20e3\n\u0301 ~\u200dx~ 漢字漢字漢字漢字漢字漢字"
	post, _ := json.Marshal(map[string]string{"body": body, "link": "https://valbourg.fr/x", "category": "event"})
	for _, width := range []int{20, 23, 31, defaultWidth, 57} {
		checkPlain(t, d.ok(string(post), "preview", "--width", strconv.Itoa(width), "--file", "-"), width)
	}
}

func TestPreviewImage(t *testing.T) {
	d := newDesk(t)
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{uint8(6 * x), uint8(8 * y), 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := d.write("affiche.png", buf.String())
	post, _ := json.Marshal(map[string]string{"body": "Affiche", "link": "https://valbourg.fr/a", "category": "event", "image": path, "alt": "Affiche du marché"})
	frame := checkPlain(t, d.ok(string(post), "preview", "--file", "-"), defaultWidth)
	if text := strings.Join(frame, "\n"); !strings.Contains(text, "▀▀▀▀") || strings.Contains(text, "Affiche du marché") {
		t.Errorf("the image is not drawn:\n%s", text)
	}
	// A missing image draws the placeholder with its alt text, and a check
	// names it: the post cannot be validated.
	post, _ = json.Marshal(map[string]string{"body": "Affiche", "link": "https://valbourg.fr/a", "category": "event", "image": path + ".absent", "alt": "Affiche du marché"})
	r := d.run(string(post), "preview", "--file", "-")
	frame, checks := frameOf(t, r.stdout)
	if text := strings.Join(frame, "\n"); !strings.Contains(text, "📷 Affiche du marché") {
		t.Errorf("a missing image should draw the placeholder with its alt text:\n%s", text)
	}
	if want := "error: image-missing: image not found: " + path + ".absent"; r.code != 1 || strings.Join(checks, "\n") != want {
		t.Errorf("exit %d, checks %q; want exit 1 and %q", r.code, checks, want)
	}
}

func TestPreviewChecks(t *testing.T) {
	d := newDesk(t)
	r := d.run(`{"title":"Sans lien","body":"Rendez-vous mardi 3 décembre 2025, TODO"}`, "preview", "--file", "-")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	_, checks := frameOf(t, r.stdout)
	want := []string{
		"error: link-missing: no link",
		"error: category: no category",
		"error: placeholder: placeholder left in: TODO",
		"error: weekday: the weekday does not match the date: mardi 3 décembre 2025 → mercredi 3 décembre 2025",
	}
	if strings.Join(checks, "\n") != strings.Join(want, "\n") {
		t.Errorf("checks:\n%s\nwant:\n%s", strings.Join(checks, "\n"), strings.Join(want, "\n"))
	}
	if r.stderr != "crieur: 4 checks found errors: the post cannot be validated as it is\n" {
		t.Errorf("stderr %q", r.stderr)
	}

	// A warning alone does not fail.
	r = d.run(`{"body":"*gras","link":"https://valbourg.fr/x","category":"event"}`, "preview", "--file", "-")
	if _, checks := frameOf(t, r.stdout); r.code != 0 || len(checks) != 1 || !strings.HasPrefix(checks[0], "warning: markup: ") {
		t.Errorf("exit %d, checks %q, stderr %q", r.code, checks, r.stderr)
	}
}

func TestPreviewErrors(t *testing.T) {
	d := newDesk(t)
	r := d.run("", "preview", "01ABSENT")
	if r.code != 1 || !strings.Contains(r.stderr, "no data file") {
		t.Errorf("no data file: exit %d %q", r.code, r.stderr)
	}
	oneLine(t, r.stderr)
	if _, err := os.Stat(d.db); err == nil {
		t.Error("preview created the data file")
	}

	d.importedID(previewPost)
	d.importedID(previewPost)
	for _, tc := range []struct{ id, want string }{
		{"ZZZZ", `no post's id starts with "ZZZZ"`},
		{"0", `"0" is the start of 2 posts' ids`},
	} {
		r := d.run("", "preview", tc.id)
		if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("preview %s: exit %d, stdout %q, stderr %q", tc.id, r.code, r.stdout, r.stderr)
		}
		oneLine(t, r.stderr)
	}

	for _, args := range [][]string{
		{"preview", "--width", "10", "0"}, {"preview", "0", "--width", "81"}, {"preview", "--width", "x", "0"},
		{"preview", "--theme", "blue", "0"}, {"preview"}, {"preview", "a", "b"}, {"preview", "--file", "-", "0"},
		{"preview", "--file", ""}, {"preview", "0", "--bogus"},
	} {
		r := d.run("", args...)
		if r.code != 2 || r.stdout != "" {
			t.Errorf("crieur %v: exit %d, want 2; stdout %q", args, r.code, r.stdout)
		}
		oneLine(t, r.stderr)
	}
}

// TestPreviewTerminal runs preview in a pseudo-terminal: there the colours
// stay (and nothing else), unless NO_COLOR is set.
func TestPreviewTerminal(t *testing.T) {
	d := newDesk(t)
	id := d.importedID(previewPost)
	plain := frameLines(t, d.ok("", "preview", id))

	inTerminal := func(noColor string) string {
		t.Helper()
		ptm, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pseudo-terminal: %v", err)
		}
		defer ptm.Close()
		cmd := exec.Command(binary, "--db", d.db, "--config", d.cfg, "preview", id)
		cmd.Env = append(os.Environ(), "HOME="+d.dir, "LANG=C", "LC_ALL=", "TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR="+noColor)
		cmd.Stdin, cmd.Stdout = tty, tty
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		tty.Close()
		out, err := io.ReadAll(ptm)
		if err != nil && !errors.Is(err, syscall.EIO) { // EIO: the terminal's other end closed
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%v: %s", err, errOut.String())
		}
		return strings.ReplaceAll(string(out), "\r\n", "\n")
	}

	coloured := inTerminal("")
	if !strings.Contains(coloured, "\x1b[") {
		t.Fatalf("no colour in a terminal:\n%q", coloured)
	}
	for _, seq := range regexp.MustCompile(`\x1b[^m]*`).FindAllString(coloured, -1) {
		if !regexp.MustCompile(`^\x1b\[[0-9;]*$`).MatchString(seq) {
			t.Errorf("a sequence other than a colour in a terminal: %q", seq)
			break
		}
	}
	if got := frameLines(t, ansi.Strip(coloured)); strings.Join(got, "\n") != strings.Join(plain, "\n") {
		t.Errorf("the coloured frame says something else than the plain one:\n%s", strings.Join(got, "\n"))
	}
	if got := inTerminal("1"); strings.Contains(got, "\x1b") {
		t.Errorf("NO_COLOR set, and still escape sequences:\n%q", got)
	}
}
