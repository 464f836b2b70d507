package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"crieur/store"
	"crieur/ui/i18n"
)

// fuzzNow is the clock of the fuzzed commands: a post without a date is
// created then.
var fuzzNow = time.Date(2025, 11, 26, 14, 5, 0, 0, time.UTC)

// runIn runs one crieur command inside the test process, on the data file
// db and the settings file cfg, with stdin as its input.
func runIn(db, cfg string, stdin []byte, args ...string) result {
	var out, errOut bytes.Buffer
	c := &cli{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: env(nil), now: func() time.Time { return fuzzNow }}
	code := c.run(append([]string{"--db", db, "--config", cfg}, args...))
	return result{code, out.String(), errOut.String()}
}

// checkTerminalSafe fails when text holds anything that would act on a
// terminal rather than show: control characters other than a line break,
// invalid UTF-8, and the characters that reorder text.
func checkTerminalSafe(t *testing.T, what, text string) {
	t.Helper()
	for i, r := range text {
		if r == '\n' {
			continue
		}
		if unsafeRune(r) || (r == utf8.RuneError && !strings.HasPrefix(text[i:], "\uFFFD")) {
			t.Fatalf("%s holds %U at byte %d: %q", what, r, i, text)
		}
	}
}

// FuzzImportJSONLines and FuzzImportCSV import arbitrary files into a data
// file that already holds a post. Either the import is refused, with one
// line per problem and a last line that says so, and the file is left byte
// for byte as it was; or every post of the file is in the data file, its
// text as the file gave it, and the backlog reads it back.
func FuzzImportJSONLines(f *testing.F) { fuzzImport(f, "jsonl") }

func FuzzImportCSV(f *testing.F) { fuzzImport(f, "csv") }

func fuzzImport(f *testing.F, format string) {
	dir := f.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	template := filepath.Join(dir, "template.db")
	first := []byte(`{"title":"Déjà là","body":"*Piscine* fermée","status":"draft","created":"2025-11-20"}`)
	if r := runIn(template, cfg, first, "import", "-"); r.code != 0 {
		f.Fatalf("prepare the data file: %s", r.stderr)
	}
	base, err := os.ReadFile(template)
	if err != nil {
		f.Fatal(err)
	}
	var kept string
	if r := runIn(template, cfg, nil, "list", "--json"); r.code != 0 || len(r.stdout) < 40 {
		f.Fatalf("list the data file: %q %s", r.stdout, r.stderr)
	} else {
		var listed []listedPost
		if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || len(listed) != 1 {
			f.Fatalf("list --json: %v %q", err, r.stdout)
		}
		kept = listed[0].ID
	}
	db := filepath.Join(dir, "crieur.db")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(db, base, 0o600); err != nil {
			t.Fatal(err)
		}
		r := runIn(db, cfg, data, "import", "--format", format, "-")
		checkTerminalSafe(t, "stderr", r.stderr)
		if r.code != 0 {
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			last := lines[len(lines)-1]
			if r.code != exitError || r.stdout != "" || !strings.HasPrefix(last, "crieur: ") || !strings.HasSuffix(r.stderr, "\n") {
				t.Fatalf("refused with exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			for _, line := range lines[:len(lines)-1] {
				if !strings.HasPrefix(line, "stdin:") {
					t.Fatalf("problem line %q does not name the line", line)
				}
			}
			if after, err := os.ReadFile(db); err != nil || !bytes.Equal(after, base) {
				t.Fatalf("a refused import changed the data file (%v); stderr %q", err, r.stderr)
			}
			return
		}
		want, ok := expectedPosts(format, data)
		if !ok {
			t.Fatalf("imported what the file's own format does not read: %q", r.stdout)
		}
		if en := i18n.For("en"); r.stdout != en.N(en.CLI.Exchange.Imported, len(want))+"\n" {
			t.Fatalf("imported %d posts, said %q", len(want), r.stdout)
		}
		if got := importedPosts(t, db, kept); !slices.Equal(got, want) {
			t.Fatalf("the data file holds\n%q\nthe file gave\n%q", got, want)
		}
	})
}

// exchangeText is what a post's fields say, one string to compare: every
// field but the date, line breaks as the desk keeps them, the status with
// its default.
func exchangeText(e exchangePost) string {
	// A validation, a slot and the sends are never imported (a line with
	// a send under way is refused).
	switch store.Status(strings.TrimSpace(e.Status)) {
	case "":
		e.Status = string(store.StatusIdea)
	case store.StatusValidated, store.StatusPlanned, store.StatusFailed:
		e.Status = string(store.StatusReady)
	default:
		e.Status = strings.TrimSpace(e.Status)
	}
	e.Created, e.Picture = "", ""
	for _, f := range e.fields() {
		*f = strings.ReplaceAll(*f, "\r\n", "\n")
	}
	b, _ := json.Marshal(e)
	return string(b)
}

// expectedPosts reads the file with the standard decoders alone, for
// what the import should have stored, sorted; ok is false when they do
// not read it.
func expectedPosts(format string, data []byte) ([]string, bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var out []string
	if format == "jsonl" {
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var e exchangePost
			if err := json.Unmarshal(line, &e); err != nil {
				return nil, false
			}
			out = append(out, exchangeText(e))
		}
	} else {
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		header, err := r.Read()
		for err == nil {
			var row []string
			if row, err = r.Read(); err != nil {
				break
			}
			var e exchangePost
			fields := e.fields()
			for i, name := range header {
				k := slices.Index(exchangeFields, strings.ToLower(strings.TrimSpace(name)))
				if k < 0 || i >= len(row) {
					return nil, false
				}
				*fields[k] = row[i]
			}
			out = append(out, exchangeText(e))
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, false
		}
	}
	slices.Sort(out)
	return out, true
}

// importedPosts reads back the posts the import added to the data file
// (all but the post kept), sorted, and checks that the backlog lists them
// with their dates.
func importedPosts(t *testing.T, db, kept string) []string {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("the data file does not open after an import: %v", err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	sums, err := st.Summaries()
	if err != nil {
		t.Fatalf("the backlog does not read the imported posts: %v", err)
	}
	created := map[string]time.Time{}
	for _, s := range sums {
		created[s.ID()] = s.Created()
	}
	var out []string
	err = st.EachPost(func(p store.Post) error {
		if p.Created.IsZero() || !created[p.ID].Equal(p.Created) {
			t.Errorf("post %q created %v, the backlog says %v", p.Title, p.Created, created[p.ID])
		}
		if p.ID != kept {
			out = append(out, exchangeText(exchangePost{Title: p.Title, Body: p.Body, Link: p.Link, Category: p.Category,
				Status: string(p.Status), Notes: p.Notes, Image: p.Image, Alt: p.Alt}))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read back the imported posts: %v", err)
	}
	if len(sums) != len(out)+1 {
		t.Fatalf("the backlog lists %d posts, the file holds %d", len(sums), len(out)+1)
	}
	slices.Sort(out)
	return out
}

// FuzzPreview prints the preview of arbitrary posts, as `crieur preview
// --file` does for a script: plain text that cannot act on the terminal,
// every line of the frame exactly as wide as asked, then one line per
// check, and exit status 1 exactly when a check found an error. A post
// the import rules refuse is one line on stderr and no preview.
func FuzzPreview(f *testing.F) {
	dir := f.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	db := filepath.Join(dir, "never-created.db")
	f.Fuzz(func(t *testing.T, title, body, link string, width, flags uint8) {
		post, err := json.Marshal(exchangePost{Title: title, Body: body, Link: link, Category: "event"})
		if err != nil {
			t.Skip()
		}
		if flags&1 != 0 {
			post, _ = json.Marshal(exchangePost{Title: title, Body: body, Link: link, Image: "missing.png", Alt: title})
		}
		w := 20 + int(width)%61
		args := []string{"preview", "--file", "-", "--width", strconv.Itoa(w)}
		if flags&2 != 0 {
			args = append(args, "--theme", "light")
		}
		if flags&4 != 0 {
			args = append(args, "--expand")
		}
		r := runIn(db, cfg, post, args...)
		checkTerminalSafe(t, "stderr", r.stderr)
		checkTerminalSafe(t, "the preview", r.stdout)
		if r.stdout == "" {
			if r.code != exitError || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "crieur: ") {
				t.Fatalf("no preview, exit %d, stderr %q", r.code, r.stderr)
			}
			return
		}
		frame, checks := frameOf(t, r.stdout)
		for i, line := range frame {
			if got := ansi.StringWidth(line); got != w {
				t.Fatalf("frame line %d is %d cells, want %d: %q\n%s", i, got, w, line, r.stdout)
			}
		}
		errorsFound := false
		for _, line := range checks {
			errorsFound = errorsFound || strings.HasPrefix(line, "error: ")
			if !strings.HasPrefix(line, "error: ") && !strings.HasPrefix(line, "warning: ") && line != "Checks: all good." {
				t.Fatalf("check line %q", line)
			}
		}
		if (r.code == exitError) != errorsFound || (r.code != exitOK && r.code != exitError) {
			t.Fatalf("exit %d with the checks %q", r.code, checks)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatal("preview --file created the data file")
		}
	})
}
