package main

// Hostile and broken input: what a broken disk, a careless copy, a second
// window, a pasted message or a wrong clock hands the desk. Each case does
// it to the real program, checks the message a person sees, and checks
// that nothing was changed: the data file's bytes, the settings file, the
// store's content as read back. Each logs one line, "case — message".

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"crieur/store"
)

// TestHostileInput runs every case; with -v each logs the message a person
// saw.
func TestHostileInput(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T) string // returns the message shown
	}{
		{"truncated data file", hostileDataFile(truncated)},
		{"zeroed data file", hostileDataFile(zeroed)},
		{"random data file", hostileDataFile(random)},
		{"file from a newer crieur", hostileNewerFile},
		{"locked file", hostileLockedFile},
		{"read-only data folder", hostileReadOnlyFolder},
		{"full disk", hostileFullDisk},
		{"malformed settings file", hostileSettings("[desk]\nname = \"Zoé\"\nlanguage = fr\n", "line 3")},
		{"half-written settings file", hostileHalfSettings},
		{"secrets file readable by others", hostileOpenSecrets},
		{"1 MB post body", hostileHugeBody},
		{"escape sequences, OSC 52 and bidi in a post", hostileEscapes},
		{"terminal of 20x5", hostileTinyTerminal},
		{"destination that never answers", hostileSilentServer},
		{"clock set back", hostileClockBack},
		{"image naming a private key, /etc/passwd, a text", hostileImageSecret},
		{"relative image sent by cron from another folder", hostileRelativeImage},
		{"image that is a device or a FIFO", hostileSpecialFileImage},
		{"link cards leading inside the network", hostileCardsInside},
		{"endless or binary input", hostileEndlessInput},
		{"links planted where backups go", hostileBackupLinks},
		{"Telegram over plain http", hostileClearTelegram},
		{"import of sends in flight, 1970", hostileImportStatuses},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			msg := c.run(t)
			if msg == "" {
				t.Fatal("the case showed no message")
			}
			t.Logf("%s — %s", c.name, tempDirs.ReplaceAllString(msg, "DIR"))
		})
	}
}

// tempDirs matches the tests' folders, which the logged messages name.
var tempDirs = regexp.MustCompile(regexp.QuoteMeta(os.TempDir()) + `/TestHostileInput[^/ ]*/[0-9]+`)

// hashOf is the SHA-256 of a file's bytes, or "absent".
func hashOf(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// contentOf is every post with its revisions and sends, as the store reads
// them back, after bbolt's own check of the file.
func contentOf(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("read back %s: %v", db, err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = st.EachPost(func(p store.Post) error {
		revs, err := st.Revisions(p.ID)
		if err != nil {
			return err
		}
		sends, err := st.Sends(p.ID)
		if err != nil {
			return err
		}
		return json.NewEncoder(&b).Encode([]any{p, revs, sends})
	})
	if err != nil {
		t.Fatalf("read back %s: %v", db, err)
	}
	return b.String()
}

// filled is a desk whose data file holds the tricky week and enough long
// posts to spread over many pages.
func filled(t *testing.T) *desk {
	t.Helper()
	d := newDesk(t)
	var lines strings.Builder
	lines.WriteString(tricky)
	for i := range 40 {
		fmt.Fprintf(&lines, `{"title":"Compte rendu %d","body":"%s","status":"draft"}`+"\n", i, strings.Repeat("Conseil municipal, séance publique. ", 60))
	}
	d.ok(lines.String(), "import", "-")
	return d
}

// failsWith runs crieur with args, expects exit 1 and one line on stderr
// that contains want, and returns that line.
func failsWith(t *testing.T, d *desk, stdin, want string, args ...string) string {
	t.Helper()
	r := d.run(stdin, args...)
	if r.code != exitError || !strings.Contains(r.stderr, want) {
		t.Fatalf("crieur %q: exit %d, stderr %q; want exit 1 and %q", args, r.code, r.stderr, want)
	}
	oneLine(t, r.stderr)
	return strings.TrimSuffix(r.stderr, "\n")
}

// refusedImport imports the file at path and expects it refused: the
// problem line first, then the last line saying nothing was imported,
// which it returns with the problem.
func refusedImport(t *testing.T, d *desk, path, problem string) string {
	t.Helper()
	r := d.run("", "import", path)
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if r.code != exitError || len(lines) != 2 || lines[0] != problem || last != "crieur: "+path+": 1 bad line; nothing imported" {
		t.Fatalf("import %s: exit %d, stderr %q; want %q and nothing imported", path, r.code, r.stderr, problem)
	}
	return strings.TrimPrefix(lines[0], filepath.Dir(path)+"/") + " / " + strings.TrimPrefix(last, "crieur: "+filepath.Dir(path)+"/")
}
