package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// binary is the crieur program built once for the tests that run it as a
// person or a script would.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "crieur-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "crieur")
	// The crieurfault tag lets a test make the binary fail on purpose
	// (CRIEUR_FAULT, see fault.go); without that variable it is the
	// program as built for everyone.
	build := exec.Command("go", "build", "-tags", "crieurfault", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build crieur:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// desk is one test's data file and settings file.
type desk struct {
	t            *testing.T
	dir, db, cfg string
	env          []string // added to the environment of every run, last
}

func newDesk(t *testing.T) *desk {
	dir := t.TempDir()
	return &desk{t: t, dir: dir, db: filepath.Join(dir, "data", "crieur.db"), cfg: filepath.Join(dir, "config", "config.toml")}
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs crieur on the desk's files with stdin as its input. Home and
// the XDG folders point into the test's folder, so nothing reaches the
// real ones.
func (d *desk) run(stdin string, args ...string) result {
	d.t.Helper()
	cmd := exec.Command(binary, append([]string{"--db", d.db, "--config", d.cfg}, args...)...)
	cmd.Env = append(os.Environ(),
		"HOME="+d.dir, "XDG_DATA_HOME="+filepath.Join(d.dir, "xdg-data"), "XDG_CONFIG_HOME="+filepath.Join(d.dir, "xdg-config"),
		"LANG=C", "LC_ALL=", "LC_MESSAGES=")
	cmd.Env = append(cmd.Env, d.env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		d.t.Fatalf("run crieur %v: %v", args, err)
	}
	return result{code, out.String(), errOut.String()}
}

func (d *desk) ok(stdin string, args ...string) string {
	d.t.Helper()
	r := d.run(stdin, args...)
	if r.code != 0 {
		d.t.Fatalf("crieur %v: exit %d\n%s", args, r.code, r.stderr)
	}
	return r.stdout
}

func (d *desk) write(name, content string) string {
	d.t.Helper()
	path := filepath.Join(d.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		d.t.Fatal(err)
	}
	return path
}

// oneLine checks that an error is a single line starting with "crieur: ".
func oneLine(t *testing.T, stderr string) {
	t.Helper()
	if !strings.HasPrefix(stderr, "crieur: ") || strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr should be one line starting with \"crieur: \", got %q", stderr)
	}
}

// tricky is a week of posts with everything that breaks naive exports.
const tricky = `{"title":"École Paul-Éluard : travaux 🚧","body":"*Travaux* du 3 au 14 mars.\n- accès par la rue des Écoles\n- _cantine maintenue_","link":"https://www.valbourg.fr/ecoles","category":"practical","status":"ready","notes":"## Brief\n- contact : \"Sophie\", poste 214","created":"2025-11-20T08:15:00+01:00"}
{"title":"Virgules, \"guillemets\" et ; points-virgules","body":"a, b, c\n\"cité\"\t(tab)\n\nligne vide au-dessus","category":"event","status":"draft","created":"2025-11-21T10:00:00.123456789+01:00"}
{"title":"Alerte tempête 🌬️ ⚠️","body":"Rafales à 110 km/h 💨","link":"https://www.valbourg.fr/alerte","category":"alert","status":"validated","image":"images/tempête.jpg","alt":"Arbres couchés, parc de la Bièvre","created":"2025-11-22T18:30:00Z"}
{"title":"Idée sans corps","notes":"à creuser","created":"2025-11-23"}

{"title":"Envoyé","body":"Marché de Noël 🎄","status":"sent","created":"2025-11-23 17:45"}
{"title":"archivé","body":"vieux","status":"archived","category":"rubrique libre","created":"2025-11-19T07:00:00+01:00"}
`

func TestImportExportRoundTrip(t *testing.T) {
	d := newDesk(t)
	in := d.write("week.jsonl", tricky)
	if out := d.ok("", "import", in); out != "imported 6 posts\n" {
		t.Fatalf("import said %q", out)
	}
	jsonl := d.ok("", "export")
	lines := strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("exported %d lines:\n%s", len(lines), jsonl)
	}
	var first exchangePost
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	// Newest first; a date alone is midnight in the desk's time zone.
	if first.Title != "Envoyé" || first.Created != "2025-11-23T17:45:00+01:00" {
		t.Errorf("first exported post = %+v", first)
	}
	if !strings.Contains(jsonl, `"status":"idea"`) || !strings.Contains(jsonl, `"created":"2025-11-23T00:00:00+01:00"`) {
		t.Errorf("defaults not exported as expected:\n%s", jsonl)
	}

	// JSON lines into a fresh file, and out again: the same text.
	d2 := newDesk(t)
	d2.ok(jsonl, "import", "-")
	if again := d2.ok("", "export"); again != jsonl {
		t.Errorf("JSON lines round trip differs:\n%s\nwant:\n%s", again, jsonl)
	}

	// CSV out, into a fresh file, and out again as JSON lines.
	csvText := d.ok("", "export", "--format", "csv")
	if !strings.HasPrefix(csvText, "title,body,link,category,status,notes,image,alt,created,picture\n") {
		t.Errorf("CSV header: %q", strings.SplitN(csvText, "\n", 2)[0])
	}
	d3 := newDesk(t)
	d3.ok("", "import", d3.write("week.csv", csvText))
	if again := d3.ok("", "export"); again != jsonl {
		t.Errorf("CSV round trip differs:\n%s\nwant:\n%s", again, jsonl)
	}
	// CSV from the standard input needs --format.
	d4 := newDesk(t)
	d4.ok(csvText, "import", "--format", "csv", "-")
	if again := d4.ok("", "export", "--format", "csv"); again != csvText {
		t.Errorf("CSV to CSV round trip differs")
	}

	if sent := d.ok("", "export", "--status", "sent"); strings.Count(sent, "\n") != 1 || !strings.Contains(sent, "Envoyé") {
		t.Errorf("export --status sent:\n%s", sent)
	}
}

func TestImportReportsEveryBadLine(t *testing.T) {
	d := newDesk(t)
	big := strings.Repeat("é", 40<<10)
	bad := strings.Join([]string{
		`{"title":"bon","status":"draft"}`,
		`{"title":"statut inconnu","status":"publié"}`,
		`{"title":"date","created":"24/11/2025"}`,
		`{"title":"pas fini",`,
		`{"title":"trop long","body":"` + big + `"}`,
		`{"title":"échappement \u001b[31m rouge"}`,
		`{"titre":"champ inconnu"}`,
		`["un","tableau"]`,
		`{"title":12}`,
		`{}`,
		`{"title":"bon aussi","body":"ligne 1\nligne 2\ttab"}`,
	}, "\n")
	path := d.write("bad.jsonl", bad)
	r := d.run("", "import", path)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	want := []string{
		path + ":2: unknown status \"publié\"",
		path + ":3: bad date \"24/11/2025\"",
		path + ":4: malformed JSON",
		path + ":5: body is 81920 bytes; the limit is 64 KiB",
		path + ":6: title holds the control character U+001B",
		path + ":7: unknown field \"titre\"",
		path + ":8: each line must be a JSON object",
		path + ":9: title must be a string",
		path + ":10: empty post",
		"crieur: " + path + ": 9 bad lines; nothing imported",
	}
	got := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(got), len(want), r.stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("line %d:\n got %q\nwant %q…", i+1, got[i], w)
		}
	}
	if strings.ContainsRune(r.stderr, 0x1b) {
		t.Error("a raw escape character reached stderr")
	}
	if out := d.ok("", "list"); out != "" {
		t.Errorf("something was imported:\n%s", out)
	}

	csvBad := "title,status,body\r\n" +
		"bon,draft,\"sur\ndeux lignes\"\r\n" +
		"statut,envoyé,x\r\n" +
		"trop,de,champs,ici\r\n" +
		"\"guillemet \"mal\" placé\",draft,x\r\n"
	path = d.write("bad.csv", csvBad)
	r = d.run("", "import", path)
	if r.code != 1 {
		t.Fatalf("CSV: exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, w := range []string{path + ":4: unknown status \"envoyé\"", path + ":5: 4 fields, but the header names 3", path + ":6: malformed CSV"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("CSV report lacks %q:\n%s", w, r.stderr)
		}
	}
	r = d.run("", "import", d.write("cols.csv", "title,titre\nx,y\n"))
	if r.code != 1 || !strings.Contains(r.stderr, "cols.csv:1: unknown column \"titre\"") {
		t.Errorf("unknown column: exit %d\n%s", r.code, r.stderr)
	}
	if out := d.ok("", "list"); out != "" {
		t.Errorf("something was imported:\n%s", out)
	}
}

func TestListTable(t *testing.T) {
	d := newDesk(t)
	d.ok(strings.Join([]string{
		`{"title":"Marché de Noël 🎄","category":"event","status":"draft","created":"2025-11-24T09:00:00+01:00"}`,
		`{"title":"Piscine fermée","category":"une très longue catégorie libre","status":"ready","created":"2025-11-23T09:00:00+01:00"}`,
		`{"title":"Collecte","category":"practical","status":"idea","created":"2025-11-22T09:00:00+01:00"}`,
	}, "\n"), "import", "-")
	// A title with control characters, as a desk could hold one.
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SavePost(store.Post{Title: "piège \x1b]0;titre\x07 \u202egnp.exe", Category: "alert"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := d.ok("", "list")
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("control characters reached the terminal: %q", out)
	}
	if !strings.Contains(out, `piège \x1b]0;titre\x07 \u202egnp.exe`) {
		t.Errorf("escaped title missing:\n%s", out)
	}
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) != 5 || !strings.HasPrefix(rows[0], "ID") {
		t.Fatalf("table:\n%s", out)
	}
	// Every title starts in the same column on screen.
	at := strings.Index(rows[0], "TITLE")
	for _, row := range rows[1:] {
		title := row[strings.LastIndex(row, "  ")+2:]
		if w := ansi.StringWidth(strings.TrimSuffix(row, title)); w != at {
			t.Errorf("title %q starts at column %d, want %d", title, w, at)
		}
	}
	if !strings.Contains(out, "une très longue…") || !strings.Contains(out, "2025-11-24 09:00") {
		t.Errorf("category cut or date missing:\n%s", out)
	}
	if ready := d.ok("", "list", "--status", "ready"); strings.Count(ready, "\n") != 2 || !strings.Contains(ready, "Piscine fermée") {
		t.Errorf("list --status ready:\n%s", ready)
	}

	var listed []listedPost
	if err := json.Unmarshal([]byte(d.ok("", "list", "--json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 4 || listed[1].Title != "Marché de Noël 🎄" || listed[1].Status != "draft" || listed[1].ID == "" {
		t.Errorf("list --json = %+v", listed)
	}
	if r := d.run("", "list", "--status", "publié"); r.code != 2 {
		t.Errorf("unknown status: exit %d", r.code)
	}
}

func TestVersion(t *testing.T) {
	out := newDesk(t).ok("", "version")
	re := regexp.MustCompile(`^crieur \S.*\ngo1\.\S+ \w+/\w+\nschema 2\n$`)
	if !re.MatchString(out) {
		t.Errorf("version printed %q", out)
	}
}

func TestHelp(t *testing.T) {
	d := newDesk(t)
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		out := d.ok("", args...)
		for _, want := range []string{"Usage:", "list", "import", "export", "backup", "version", "--db PATH", "--config PATH", "--lang fr|en"} {
			if !strings.Contains(out, want) {
				t.Errorf("crieur %v lacks %q", args, want)
			}
		}
	}
	for _, cmd := range (&cli{}).commands() {
		out := d.ok("", cmd.name, "-h")
		if !strings.HasPrefix(out, "Usage: crieur "+cmd.name) || !strings.Contains(out, "--db PATH") {
			t.Errorf("crieur %s -h:\n%s", cmd.name, out)
		}
		if again := d.ok("", "help", cmd.name); again != out {
			t.Errorf("crieur help %s differs from crieur %s -h", cmd.name, cmd.name)
		}
	}
	if _, err := os.Stat(d.db); err == nil {
		t.Error("asking for help created the data file")
	}
	for _, args := range [][]string{{"publish"}, {"list", "--bogus"}, {"--lang", "de", "list"}, {"export", "--format", "xml"}, {"import"}, {"help", "publish"}} {
		r := d.run("", args...)
		if r.code != 2 {
			t.Errorf("crieur %v: exit %d, want 2", args, r.code)
		}
		oneLine(t, r.stderr)
	}
}

func TestLockedFile(t *testing.T) {
	d := newDesk(t)
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := d.run("", "list")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if want := "crieur: " + d.db + " is open in another crieur; close it and try again\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

func TestMalformedConfig(t *testing.T) {
	d := newDesk(t)
	if err := os.MkdirAll(filepath.Dir(d.cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	text := "[desk]\nname = \"Zoé\"\nlanguage = fr\n"
	if err := os.WriteFile(d.cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	r := d.run("", "list")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	oneLine(t, r.stderr)
	if !strings.Contains(r.stderr, d.cfg) || !strings.Contains(r.stderr, "line 3") {
		t.Errorf("stderr %q should name the file and line 3", r.stderr)
	}
	if data, _ := os.ReadFile(d.cfg); string(data) != text {
		t.Error("the malformed settings file was rewritten")
	}
	// A backup does not need the settings.
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if r := d.run("", "backup"); r.code != 0 {
		t.Errorf("backup with broken settings: exit %d %s", r.code, r.stderr)
	}
}

func TestReadingCommandsDoNotCreateTheDataFile(t *testing.T) {
	d := newDesk(t)
	for _, args := range [][]string{{"list"}, {"list", "--json"}, {"export"}, {"export", "--format", "csv"}} {
		if out := d.ok("", args...); out != "" && out != "[]\n" && out != strings.Join(exchangeFields, ",")+"\n" {
			t.Errorf("crieur %v on no data file printed %q", args, out)
		}
	}
	r := d.run("", "backup")
	if r.code != 1 || !strings.Contains(r.stderr, "no data file") {
		t.Errorf("backup of no data file: exit %d %q", r.code, r.stderr)
	}
	oneLine(t, r.stderr)
	if _, err := os.Stat(d.db); err == nil {
		t.Error("a reading command created the data file, which the desk would then open without its sample week")
	}
}

func TestFirstRunCreatesSettings(t *testing.T) {
	d := newDesk(t)
	d.ok("", "version")
	if _, err := os.Stat(d.cfg); err == nil {
		t.Error("version created the settings file")
	}
	d.ok("", "list")
	info, err := os.Stat(d.cfg)
	if err != nil {
		t.Fatalf("settings not created: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("settings mode %v", info.Mode().Perm())
	}
}

func TestDamagedDataFile(t *testing.T) {
	d := newDesk(t)
	if err := os.MkdirAll(filepath.Dir(d.db), 0o700); err != nil {
		t.Fatal(err)
	}
	garbage := bytes.Repeat([]byte("pas une base "), 1000)
	if err := os.WriteFile(d.db, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	r := d.run("", "export")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	oneLine(t, r.stderr)
	backups := filepath.Join(filepath.Dir(d.db), "backups")
	if !strings.Contains(r.stderr, d.db+" is damaged") || !strings.Contains(r.stderr, "left untouched") || !strings.Contains(r.stderr, backups) {
		t.Errorf("stderr %q", r.stderr)
	}
	if data, _ := os.ReadFile(d.db); !bytes.Equal(data, garbage) {
		t.Error("the damaged file was changed")
	}
}

func TestBackupCommand(t *testing.T) {
	d := newDesk(t)
	d.ok(tricky, "import", "-")
	out := d.ok("", "backup")
	path := strings.TrimSuffix(out, "\n")
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(filepath.Join(filepath.Dir(d.db), "backups")) + `/crieur-\d{4}-\d\d-\d\d-\d{6}\.db$`)
	if !re.MatchString(path) {
		t.Fatalf("backup printed %q", out)
	}
	copied, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := copied.Summaries()
	copied.Close()
	if err != nil || len(sums) != 6 {
		t.Errorf("backup holds %d posts, %v", len(sums), err)
	}

	named := filepath.Join(d.dir, "elsewhere", "copy.db")
	if out := d.ok("", "backup", named); out != named+"\n" {
		t.Errorf("backup PATH printed %q", out)
	}
	r := d.run("", "backup", named)
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("backup over an existing file: exit %d %q", r.code, r.stderr)
	}
	oneLine(t, r.stderr)
}

// settled writes the desk's settings file, in English with the defaults,
// unless it is there: a desk with no settings file opens on its first
// questions, which the flows that are not about them answer this way.
func (d *desk) settled() {
	d.t.Helper()
	if settings.Exists(d.cfg) {
		return
	}
	if err := settings.Create(d.cfg, englishSettings, settings.Defaults(englishSettings)); err != nil {
		d.t.Fatal(err)
	}
}

// englishSettings are the words of a settings file written in English.
var englishSettings = settings.Words(i18n.For("en").Settings)

// sealedStore opens d's data file as the desk does, validations sealed as
// its settings seal them. The caller closes it before running crieur.
func (d *desk) sealedStore(t *testing.T) *store.Store {
	t.Helper()
	conf := d.loadSettings(t)
	st, err := store.Open(d.db, store.Options{Hash: func(p store.Post) string { return sender.Seal(p, conf) }})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// loadSettings reads d's settings file.
func (d *desk) loadSettings(t *testing.T) settings.Settings {
	t.Helper()
	conf, _, err := settings.Load(d.cfg, englishSettings)
	if err != nil {
		t.Fatal(err)
	}
	return conf
}
