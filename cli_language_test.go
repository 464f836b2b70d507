package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/store"
	"crieur/ui/i18n"
	"crieur/ui/i18n/i18ntest"
)

// languageRun is one command of the battery and what it printed.
type languageRun struct {
	args  []string
	stdin string
	// table marks a human table, which names statuses and categories in
	// the desk's language: no word scripts read may show in it.
	table bool
	out   result
}

// commandBattery runs every command, its help, its mistakes and its
// successes, on a fresh desk whose posts are the sample week of lang,
// with env as the locale. It returns what each run printed.
func commandBattery(t *testing.T, lang string, env ...string) []languageRun {
	t.Helper()
	d := newDesk(t)
	d.env = env
	now := time.Now()
	var week strings.Builder
	for _, p := range i18n.Samples(lang, now) {
		line, err := json.Marshal(exchangePost{Title: p.Title, Body: p.Body, Link: p.Link, Category: p.Category,
			Status: string(p.Status), Notes: p.Notes, Created: p.Created.Format(time.RFC3339)})
		if err != nil {
			t.Fatal(err)
		}
		week.Write(line)
		week.WriteByte('\n')
	}
	sample := i18n.Samples(lang, now)[0]
	one := d.write("one.jsonl", fmt.Sprintf(`{"title":%q,"body":%q,"status":"draft"}`+"\n", sample.Title, sample.Body))
	weekFile := d.write("week.jsonl", week.String())
	bad := d.write("bad.jsonl", strings.Join([]string{
		`{"title":"x","status":"nope"}`, `{"title":"x","created":"24/11/2025"}`, `{"title":`,
		`{"title":"x","body":"` + strings.Repeat("a", 70<<10) + `"}`, `{"title":"x\u001b"}`, `{"titre":"x"}`,
		`["x"]`, `{"title":12}`, `{}`, `{"title":"x"} {"title":"y"}`, `{"title":"x","created":"1900-01-01"}`,
	}, "\n"))
	badCSV := d.write("bad.csv", "title,status,body\nbon,draft,x\nstatut,nope,x\ntrop,de,champs,ici\nun,draft\n\"mal \"fermé\",draft,x\n")
	cols := d.write("cols.csv", "titre,title,title\nx,y,z\n")
	badPost := d.write("bad.json", `{"title":"x","status":"nope"}`)
	twoPosts := d.write("two.json", `{"title":"x"} {"title":"y"}`)
	noLink := d.write("nolink.json", `{"title":"x","body":"*texte* sans lien","category":"service"}`)

	var runs []languageRun
	run := func(stdin string, args ...string) result {
		r := d.run(stdin, args...)
		runs = append(runs, languageRun{args: args, stdin: stdin, out: r})
		return r
	}
	table := func(args ...string) {
		runs = append(runs, languageRun{args: args, table: true, out: d.run("", args...)})
	}

	// Before there is a data file.
	run("", "list")
	run("", "send", "--due")
	run("", "backup")
	run("", "preview", "01ABC")
	// Help, everywhere it is asked for.
	run("", "-h")
	run("", "help")
	run("", "help", "nope")
	for _, cmd := range []string{"list", "import", "export", "preview", "send", "whatsapp", "feeds", "minutes", "calendar", "backup", "version"} {
		run("", cmd, "-h")
		run("", "help", cmd)
	}
	for _, sub := range []string{"link", "channels", "status", "unlink"} {
		run("", "whatsapp", sub, "-h")
	}
	// Mistakes on the command line.
	run("", "nope")
	run("", "--lang", "xx", "list")
	run("", "list", "--bogus")
	run("", "list", "--json=maybe")
	run("", "list", "--status", "nope")
	run("", "list", "extra")
	run("", "import")
	run("", "import", "--format", "xml", one)
	run("", "import", filepath.Join(d.dir, "missing.jsonl"))
	run("", "import", d.dir)
	run("", "import", bad)
	run("", "import", badCSV)
	run("", "import", cols)
	run("", "export", "extra")
	run("", "export", "--format", "xml")
	run("", "preview")
	run("", "preview", "a", "b")
	run("", "preview", "--width", "5", "a")
	run("", "preview", "--width", "abc", "a")
	run("", "preview", "--theme", "sepia", "a")
	run("", "preview", "--file")
	run("", "preview", "--file", badPost)
	run("", "preview", "--file", twoPosts)
	run("", "preview", "--file", "-")
	run("", "send")
	run("", "send", "extra", "--due")
	run("", "backup", "a", "b")
	run("", "version", "extra")
	run("", "whatsapp")
	run("", "whatsapp", "bogus")
	run("", "whatsapp", "status", "extra")
	run("", "whatsapp", "channels", "--pick", "1", "--invite", "x")
	run("", "feeds", "fetch", "-h")
	run("", "feeds", "nope")
	run("", "minutes", "--week", "someday")
	run("", "minutes", "extra")
	run("", "calendar", "--weeks", "-3")
	// What goes well, in the singular and in the plural.
	run("", "import", one)
	run("", "import", weekFile)
	run(week.String(), "import", "-")
	table("list")
	table("list", "--status", "ready")
	run("", "preview", "0")
	run("", "preview", "ZZZZZZ")
	run("", "preview", "--file", noLink)
	run("", "preview", "--width", "30", "--file", weekFile)
	if r := d.run("", "list", "--json"); r.code == 0 {
		var listed []struct{ ID, Status string }
		if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil {
			t.Fatal(err)
		}
		for _, p := range listed {
			if p.Status == string(store.StatusReady) {
				run("", "preview", p.ID)
				break
			}
		}
	}
	run("", "send", "--due", "--dry-run")
	run("", "send", "--due")
	conf := d.loadSettings(t)
	d.queue(sample.Title, conf.DestinationNames()...)
	d.queue(sample.Title+" 2", conf.DestinationNames()...)
	run("", "send", "--due", "--dry-run")
	run("", "send", "--due")
	run("", "whatsapp", "unlink")
	run("", "feeds")
	run("", "feeds", "fetch")
	run("", "minutes")
	run("", "calendar")
	run("", "whatsapp", "status")
	run("", "backup", filepath.Join(d.dir, "copy.db"))
	run("", "backup", filepath.Join(d.dir, "copy.db"))
	run("", "backup", filepath.Join(d.dir, "missing", "copy.db"))
	run("", "version")
	// The settings file the first command created, as a person reads it.
	file, err := os.ReadFile(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	runs = append(runs, languageRun{args: []string{"(the settings file)"}, out: result{stdout: string(file)}})
	// Settings a person got wrong.
	for _, bad := range []string{
		"[week]\nslots = [\"someday 9:00\"]\n", "[desk]\ntimezone = \"Mars/Olympus\"\n",
		"[[destination]]\nname = \"hook\"\nkind = \"webhook\"\n", "[desk\n", "[desk]\nnom = \"x\"\n",
	} {
		if err := os.WriteFile(d.cfg, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		run("", "list")
	}
	return runs
}

// TestCommandsSpeakTheirLanguage runs every command in French and in
// English, chosen by the locale, by --lang and by the setting: nothing a
// command prints in one language holds an entry of the other catalogue
// that differs from its own, and a table names statuses and categories in
// the desk's words. What scripts read does not change with the language:
// the exit statuses are the same.
func TestCommandsSpeakTheirLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program some two hundred times")
	}
	french := commandBattery(t, "fr", "LANG=fr_FR.UTF-8")
	english := commandBattery(t, "en", "LANG=C")
	if len(french) != len(english) {
		t.Fatalf("%d runs in French, %d in English", len(french), len(english))
	}
	for lang, runs := range map[string][]languageRun{"fr": french, "en": english} {
		for _, r := range runs {
			text := r.out.stdout + r.out.stderr
			allow := i18ntest.ScriptWords
			if r.table {
				allow = nil
			}
			if found := i18ntest.Foreign(lang, text, allow...); len(found) > 0 {
				t.Errorf("%s: crieur %s printed the other language's words %q:\n%s", lang, strings.Join(r.args, " "), found, text)
			}
			if strings.TrimSpace(text) == "" && r.out.code != 0 {
				t.Errorf("%s: crieur %s failed silently", lang, strings.Join(r.args, " "))
			}
		}
	}
	for i := range french {
		if french[i].out.code != english[i].out.code {
			t.Errorf("crieur %s: exit %d in French, %d in English", strings.Join(french[i].args, " "), french[i].out.code, english[i].out.code)
		}
	}
}

// TestLanguageOfTheCommandLine checks where the language comes from:
// --lang first, then the language setting, then the locale; and that what
// scripts read stays as it is whatever the language.
func TestLanguageOfTheCommandLine(t *testing.T) {
	d := newDesk(t)
	d.ok(tricky, "import", "-")
	fr, en := i18n.For("fr").CLI.List.Header[1], i18n.For("en").CLI.List.Header[1]
	header := func(env []string, args ...string) string {
		d.env = env
		out := d.ok("", append(args, "list")...)
		first, _, _ := strings.Cut(out, "\n")
		return first
	}
	setting := func(lang string) {
		if err := os.WriteFile(d.cfg, []byte("[desk]\nlanguage = \""+lang+"\"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		setting string
		env     []string
		args    []string
		want    string
	}{
		{"", []string{"LANG=fr_FR.UTF-8"}, nil, fr},
		{"", []string{"LANG=fr_FR.UTF-8", "LC_ALL=en_GB.UTF-8"}, nil, en},
		{"", []string{"LANG=C"}, []string{"--lang", "fr"}, fr},
		{"", []string{"LANG=fr_FR.UTF-8"}, []string{"--lang=en"}, en},
		{"fr", []string{"LANG=C"}, nil, fr},
		{"en", []string{"LANG=fr_FR.UTF-8"}, nil, en},
		{"en", []string{"LANG=C"}, []string{"-lang", "fr"}, fr},
	} {
		setting(tc.setting)
		if got := header(tc.env, tc.args...); !strings.Contains(got, tc.want) {
			t.Errorf("setting %q, %v, %v: header %q, want %q in it", tc.setting, tc.env, tc.args, got, tc.want)
		}
	}
	// -h before --lang speaks the language all the same.
	d.env = []string{"LANG=C"}
	if out := d.ok("", "list", "-h", "--lang", "fr"); !strings.Contains(out, i18n.For("fr").CLI.List.Summary[:10]) && !strings.HasPrefix(out, "Usage\u00a0:") {
		t.Errorf("list -h --lang fr:\n%s", out)
	}
	// What scripts read.
	setting("")
	for _, args := range [][]string{{"list", "--json"}, {"export"}, {"export", "--format", "csv"}} {
		d.env = []string{"LANG=fr_FR.UTF-8"}
		inFrench := d.ok("", args...)
		d.env = []string{"LANG=C"}
		if inEnglish := d.ok("", args...); inFrench != inEnglish {
			t.Errorf("crieur %s differs with the language:\n%s\n%s", strings.Join(args, " "), inFrench, inEnglish)
		}
	}
}
