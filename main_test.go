package main

import (
	"bytes"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLanguage(t *testing.T) {
	cases := []struct {
		flag, setting string
		env           map[string]string
		want          string
	}{
		{"", "", nil, "en"},
		{"", "", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{"", "", map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"},
		{"", "", map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, "fr"},
		{"", "", map[string]string{"LC_ALL": "fr_BE"}, "fr"},
		{"", "fr", map[string]string{"LANG": "en_US.UTF-8"}, "fr"},
		{"", "en", map[string]string{"LANG": "fr_FR.UTF-8"}, "en"},
		{"en", "fr", map[string]string{"LANG": "fr_FR.UTF-8"}, "en"},
		{"fr", "", nil, "fr"},
	}
	for _, tc := range cases {
		c := &cli{lang: tc.flag, getenv: env(tc.env)}
		s := settings.Default()
		s.Desk.Language = tc.setting
		if got := c.language(s); got != tc.want {
			t.Errorf("--lang %q, setting %q, env %v: %s, want %s", tc.flag, tc.setting, tc.env, got, tc.want)
		}
	}
}

func TestUsageExplainsEveryFlag(t *testing.T) {
	for _, cmd := range (&cli{}).commands() {
		c := &cli{}
		fs := c.flagSet(cmd.name)
		cmd.setup(c, fs)
		var usage bytes.Buffer
		c.commandUsage(&usage, cmd)
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(usage.String(), "--"+f.Name+" ") {
				t.Errorf("crieur %s -h does not explain --%s", cmd.name, f.Name)
			}
		})
	}
}

func TestGlobalFlagsBeforeOrAfter(t *testing.T) {
	for _, args := range [][]string{
		{"--db", "a.db", "--lang", "fr", "version"},
		{"version", "--db", "a.db", "--lang", "fr"},
	} {
		var out bytes.Buffer
		c := &cli{stdout: &out, stderr: io.Discard, getenv: env(nil), now: time.Now}
		if code := c.run(args); code != exitOK || c.db != "a.db" || c.lang != "fr" {
			t.Errorf("%v: exit %d, db %q, lang %q", args, code, c.db, c.lang)
		}
	}
}

func TestEscapeControls(t *testing.T) {
	cases := map[string]string{
		"École 🎄 plain":         "École 🎄 plain",
		"a\x1b[31mred":          `a\x1b[31mred`,
		"bell\a":                `bell\x07`,
		"two\nlines\tand\r":     `two\nlines\tand\r`,
		"del\x7f c1\u009b":      `del\x7f c1\x9b`,
		"bidi \u202eevil\u2066": `bidi \u202eevil\u2066`,
		"bad \xff byte":         `bad \xff byte`,
		"zwj 👩‍💻 and U+FFFD �":  "zwj 👩‍💻 and U+FFFD �",
	}
	for in, want := range cases {
		if got := escapeControls(in); got != want {
			t.Errorf("escapeControls(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCreated(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]time.Time{
		"":                          {},
		"2025-11-24":                time.Date(2025, 11, 24, 0, 0, 0, 0, paris),
		"2025-07-14 21:30":          time.Date(2025, 7, 14, 21, 30, 0, 0, paris),
		"2025-07-14T21:30:15":       time.Date(2025, 7, 14, 21, 30, 15, 0, paris),
		"2025-11-24T09:30:00+01:00": time.Date(2025, 11, 24, 8, 30, 0, 0, time.UTC),
		"2025-11-24T08:30:00.5Z":    time.Date(2025, 11, 24, 8, 30, 0, 5e8, time.UTC),
	}
	for in, want := range cases {
		got, err := parseCreated(in, paris, &i18n.For("en").CLI.Exchange)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseCreated(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"24/11/2025", "demain", "2025-13-01", "2025-11-24T25:00"} {
		if _, err := parseCreated(bad, paris, &i18n.For("en").CLI.Exchange); err == nil {
			t.Errorf("parseCreated(%q) accepted", bad)
		}
	}
}

// parseJSONLines and parseCSV scan a whole file in memory, for the tests
// of the import's rules.
func parseJSONLines(data []byte, loc *time.Location, t *i18n.Text) ([]store.Post, []badLine) {
	var posts []store.Post
	var bad []badLine
	err := scanJSONLines(bytes.NewReader(data), loc, t,
		func(_ span, p store.Post, _ []string) error { posts = append(posts, p); return nil },
		func(line int, msg string) { bad = append(bad, badLine{line, msg}) })
	if err != nil {
		bad = append(bad, badLine{0, err.Error()})
	}
	return posts, bad
}

func parseCSV(data []byte, loc *time.Location, t *i18n.Text) ([]store.Post, []badLine) {
	var posts []store.Post
	var bad []badLine
	_, err := scanCSV(bytes.NewReader(data), loc, t,
		func(_ span, p store.Post, _ []string) error { posts = append(posts, p); return nil },
		func(line int, msg string) { bad = append(bad, badLine{line, msg}) })
	if err != nil {
		bad = append(bad, badLine{0, err.Error()})
	}
	return posts, bad
}

func TestParseJSONLinesEdges(t *testing.T) {
	data := "\uFEFF{\"title\":\"avec BOM et CRLF\",\"body\":\"a\\r\\nb\"}\r\n\r\n   \n{\"title\":\"deux\"} {\"title\":\"valeurs\"}\nnull\n{\"title\":\"\xff\"}\n"
	posts, bad := parseJSONLines([]byte(data), time.UTC, i18n.For("en"))
	if len(posts) != 1 || posts[0].Title != "avec BOM et CRLF" || posts[0].Body != "a\nb" || posts[0].Status != store.StatusIdea {
		t.Errorf("posts = %+v", posts)
	}
	want := map[int]string{4: "more than one value", 5: "empty post", 6: "not valid UTF-8"}
	if len(bad) != len(want) {
		t.Fatalf("bad = %+v", bad)
	}
	for _, b := range bad {
		if !strings.Contains(b.msg, want[b.line]) {
			t.Errorf("line %d: %q, want %q", b.line, b.msg, want[b.line])
		}
	}
}

func TestParseCSVEdges(t *testing.T) {
	posts, bad := parseCSV([]byte("Title, Body \n\"multi\nligne\",\"x, y\"\nsecond,\"dit \"\"bonjour\"\"\"\n"), time.UTC, i18n.For("en"))
	if len(bad) != 0 || len(posts) != 2 || posts[0].Title != "multi\nligne" || posts[1].Body != `dit "bonjour"` {
		t.Errorf("posts %+v, bad %+v", posts, bad)
	}
	if posts, bad := parseCSV(nil, time.UTC, i18n.For("en")); len(posts)+len(bad) != 0 {
		t.Errorf("empty CSV: %v %v", posts, bad)
	}
	_, bad = parseCSV([]byte("title,title\nx,y\n"), time.UTC, i18n.For("en"))
	if len(bad) != 1 || bad[0].line != 1 || !strings.Contains(bad[0].msg, "twice") {
		t.Errorf("duplicate column: %+v", bad)
	}
	_, bad = parseCSV([]byte("title,body\n\"one\nspans\",x\nbad\x01,y\n"), time.UTC, i18n.For("en"))
	if len(bad) != 1 || bad[0].line != 4 || !strings.Contains(bad[0].msg, "U+0001") {
		t.Errorf("line after a multi-line field: %+v", bad)
	}
}

func TestSamples(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	moments := []time.Time{
		time.Date(2025, 11, 24, 0, 0, 30, 0, paris), // Monday, just after midnight
		time.Date(2025, 11, 26, 14, 5, 0, 0, paris), // Wednesday
		time.Date(2026, 3, 29, 23, 59, 0, 0, paris), // Sunday, the night clocks change
	}
	emoji := []string{"🌬️", "⚠️", "🎄", "📚", "🚧"}
	for _, lang := range []string{"fr", "en"} {
		for _, now := range moments {
			posts := samplePosts(lang, now, settings.Default())
			if len(posts) != 7 {
				t.Fatalf("%s: %d samples", lang, len(posts))
			}
			monday := time.Date(now.Year(), now.Month(), now.Day()-(int(now.Weekday())+6)%7, 0, 0, 0, 0, paris)
			statuses := map[store.Status]int{}
			categories := map[string]int{}
			var all strings.Builder
			ideas := 0
			for i, p := range posts {
				if !p.Sample || p.Title == "" || p.Notes == "" {
					t.Errorf("%s %d: %+v", lang, i, p)
				}
				if p.Created.Before(monday) || p.Created.After(now) {
					t.Errorf("%s %d created %v, outside %v – %v", lang, i, p.Created, monday, now)
				}
				if i > 0 && p.Created.Before(posts[i-1].Created) {
					t.Errorf("%s: samples not oldest first", lang)
				}
				if p.Body == "" {
					ideas++
					if p.Status != store.StatusIdea || p.Link != "" {
						t.Errorf("%s: the idea has a status %s or a link", lang, p.Status)
					}
				} else if !strings.HasPrefix(p.Link, "https://valbourg.fr/") {
					t.Errorf("%s %q: link %q", lang, p.Title, p.Link)
				}
				if !utf8.ValidString(p.Body) || strings.ContainsAny(p.Body, "\r\x1b") {
					t.Errorf("%s %q: body has control characters", lang, p.Title)
				}
				statuses[p.Status]++
				categories[p.Category]++
				all.WriteString(p.Title + p.Body + p.Notes)
			}
			if ideas != 1 || statuses[store.StatusDraft] == 0 || statuses[store.StatusReady] == 0 || len(statuses) != 3 {
				t.Errorf("%s statuses %v, %d ideas", lang, statuses, ideas)
			}
			for _, c := range store.Categories {
				if categories[c] == 0 {
					t.Errorf("%s: no sample in category %s", lang, c)
				}
			}
			if len(categories) != len(store.Categories) {
				t.Errorf("%s: categories %v", lang, categories)
			}
			for _, e := range append(emoji, "*", "_", "\n- ", "## Brief") {
				if !strings.Contains(all.String(), e) {
					t.Errorf("%s: samples lack %q", lang, e)
				}
			}
			if lang == "fr" && !strings.Contains(all.String(), "décembre") && !strings.Contains(all.String(), "mars") && !strings.Contains(all.String(), "avril") {
				t.Errorf("fr: no French month in the samples")
			}
		}
	}
	if fr, en := i18n.Samples("fr", moments[1]), i18n.Samples("en", moments[1]); fr[0].Title == en[0].Title {
		t.Error("French and English samples are the same")
	}
	if got := i18n.Samples("fr", time.Date(2025, 11, 26, 10, 0, 0, 0, paris)); !strings.Contains(got[0].Body, "lundi 1er décembre") {
		t.Errorf("French date of next Monday: %q", got[0].Body)
	}
}

func TestPrepareDesk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	now := time.Date(2025, 11, 26, 14, 5, 0, 0, time.UTC)
	var warnings bytes.Buffer
	c := &cli{stderr: &warnings, now: func() time.Time { return now }}
	st, err := store.Open(path, store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	c.prepareDesk(st, settings.Default(), "fr")
	sums, err := st.Summaries()
	if err != nil || len(sums) != 7 {
		t.Fatalf("%d posts after the first open, %v", len(sums), err)
	}
	if want := i18n.Samples("fr", now)[6].Title; sums[0].Title() != want {
		t.Errorf("newest sample %q, want %q", sums[0].Title(), want)
	}
	for _, s := range sums {
		if !s.Sample {
			t.Errorf("%q is not marked as a sample", s.Title())
		}
	}
	st.Close()

	st, err = store.Open(path, store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c.prepareDesk(st, settings.Default(), "fr")
	if sums, _ := st.Summaries(); len(sums) != 7 {
		t.Errorf("samples added again: %d posts", len(sums))
	}
	if warnings.Len() > 0 {
		t.Errorf("warnings: %s", warnings.String())
	}
}

// TestSamplesFollowTheCity puts the sample week's links on the city's own
// domain: no sample is flagged for its link's domain, in either language.
func TestSamplesFollowTheCity(t *testing.T) {
	conf := settings.Default()
	conf.Channel.AllowedDomains = []string{"saint-etienne-du-bois.fr", "magazine-seb.fr"}
	now := time.Date(2025, 11, 26, 14, 5, 0, 0, time.UTC)
	for _, lang := range []string{"fr", "en"} {
		links := 0
		for _, p := range samplePosts(lang, now, conf) {
			if p.Link == "" {
				continue
			}
			links++
			if !strings.HasPrefix(p.Link, "https://saint-etienne-du-bois.fr/") {
				t.Errorf("%s %q: link %q is not on the city's first domain", lang, p.Title, p.Link)
			}
			for _, problem := range sender.Check(p, conf, nil, now) {
				if problem.Code == message.CheckLinkDomain {
					t.Errorf("%s %q: flagged for its link's domain", lang, p.Title)
				}
			}
		}
		if links == 0 {
			t.Fatalf("%s: no sample has a link", lang)
		}
	}
}
