package ui

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"crieur/settings"
	"crieur/store"
)

func TestBacklogListsNewestFirstWithoutArchive(t *testing.T) {
	m := newTestModel(t, "fr", 100, 30, fixture())
	s := screenText(m)
	order := []string{"École Jules-Ferry", "Tempête", "Piscine", "Médiathèque", "Collecte"}
	last := -1
	for _, title := range order {
		i := strings.Index(s, title)
		if i < 0 {
			t.Fatalf("%q not on screen:\n%s", title, s)
		}
		if i < last {
			t.Errorf("%q is above a newer post", title)
		}
		last = i
	}
	if strings.Contains(s, "Marché de Noël") {
		t.Error("an archived post shows in the first tab")
	}
	if !strings.Contains(s, "Tout 5") || !strings.Contains(s, "Archives 1") {
		t.Errorf("tab counts wrong:\n%s", firstLines(s, 3))
	}
}

func TestBacklogMovesAndPages(t *testing.T) {
	m := newTestModel(t, "en", 80, 24, fixture())
	tests := []struct {
		keys []string
		want int
	}{
		{[]string{"j"}, 1},
		{[]string{"j", "j", "k"}, 1},
		{[]string{"down", "down", "down", "down", "down", "down"}, 4},
		{[]string{"G"}, 4},
		{[]string{"G", "g"}, 0},
		{[]string{"k"}, 0},
		{[]string{"pgdown"}, 4},
	}
	for _, tc := range tests {
		got := press(t, m, tc.keys...).backlog.cursor
		if got != tc.want {
			t.Errorf("%v: cursor %d, want %d", tc.keys, got, tc.want)
		}
	}
}

func TestTabsShowOneStatus(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "tab") // Ideas
	s := screenText(m)
	if !strings.Contains(s, "Tempête") || strings.Contains(s, "Piscine") {
		t.Errorf("ideas tab:\n%s", s)
	}
	m = press(t, m, "8") // Archive
	if s := screenText(m); !strings.Contains(s, "Marché de Noël") || strings.Contains(s, "Tempête") {
		t.Errorf("archive tab:\n%s", s)
	}
	m = press(t, m, "shift+tab")
	if m.backlog.tab != 6 {
		t.Errorf("shift+tab went to tab %d, want 6", m.backlog.tab)
	}
}

func TestFilterIsCaseAndAccentInsensitive(t *testing.T) {
	m := newTestModel(t, "fr", 100, 30, fixture())
	m = press(t, m, "/")
	m = typeText(t, m, "ECOLE")
	if len(m.backlog.view) != 1 {
		t.Fatalf("ECOLE matches %d posts, want 1", len(m.backlog.view))
	}
	if s := screenText(m); !strings.Contains(s, "École Jules-Ferry") {
		t.Errorf("filtered screen:\n%s", s)
	}
	// Narrowing, then widening again with backspace, then clearing.
	m = typeText(t, m, "x")
	if len(m.backlog.view) != 0 || !strings.Contains(screenText(m), "Rien ne correspond") {
		t.Errorf("ECOLEx should match nothing and say so")
	}
	m = press(t, m, "backspace")
	if len(m.backlog.view) != 1 {
		t.Errorf("after backspace %d matches, want 1", len(m.backlog.view))
	}
	m = press(t, m, "enter")
	if m.backlog.filtering || m.backlog.query == "" {
		t.Error("enter should keep the filter and leave the input")
	}
	m = press(t, m, "esc")
	if len(m.backlog.view) != 5 {
		t.Errorf("esc should clear the filter: %d rows", len(m.backlog.view))
	}
	// Several words must all match, in any order.
	m = press(t, m, "/")
	m = typeText(t, m, "vidange piscine")
	if len(m.backlog.view) != 1 {
		t.Errorf("two words: %d matches", len(m.backlog.view))
	}
}

func TestStatusStepsAndArchive(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	// The first row is the idea "École Jules-Ferry".
	m = press(t, m, ">")
	p := mustPost(t, m, "École Jules-Ferry : travaux 🚧")
	if p.Status != store.StatusDraft {
		t.Fatalf("> made it %s, want draft", p.Status)
	}
	m = press(t, m, ">", ">")
	if p = mustPost(t, m, p.Title); p.Status != store.StatusReady {
		t.Fatalf("status %s, want ready (no further by hand)", p.Status)
	}
	if !m.isError {
		t.Error("moving past ready should say it is not possible")
	}
	m = press(t, m, "<")
	if p = mustPost(t, m, p.Title); p.Status != store.StatusDraft {
		t.Fatalf("< made it %s, want draft", p.Status)
	}
	m = press(t, m, "a")
	if p = mustPost(t, m, p.Title); p.Status != store.StatusArchived {
		t.Fatalf("a made it %s", p.Status)
	}
	for _, i := range m.backlog.view {
		if m.backlog.posts[i].ID() == p.ID {
			t.Error("archived post still in the first tab")
		}
	}
	m = press(t, m, "8")
	m.backlog.selectID(p.ID)
	m = press(t, m, "a")
	if p = mustPost(t, m, p.Title); p.Status != store.StatusDraft {
		t.Fatalf("restored from the archive as %s, want draft", p.Status)
	}
}

func TestNewPostTypeSaveAndFind(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "n")
	if m.screen != screenEditor {
		t.Fatal("n should open the editor")
	}
	m = typeText(t, m, "Déneigement des trottoirs")
	m = press(t, m, "tab", "right", "tab") // category: practical, then the link
	m = typeText(t, m, "https://www.valbourg.fr/neige")
	m = press(t, m, "tab", "tab", "tab") // image, alt, body
	m = typeText(t, m, "*Neige* : pensez à dégager devant chez vous.")
	if !m.editor.dirty() || !strings.Contains(screenText(m), "modified") {
		t.Fatal("typing should mark the post modified")
	}
	m = press(t, m, "ctrl+s")
	if m.editor.dirty() || !strings.Contains(screenText(m), "Saved (rev. 1)") {
		t.Fatalf("after ctrl+s:\n%s", screenText(m))
	}
	p := mustPost(t, m, "Déneigement des trottoirs")
	if p.Category != "practical" || p.Link != "https://www.valbourg.fr/neige" || !strings.HasPrefix(p.Body, "*Neige*") {
		t.Errorf("stored post %+v", p)
	}
	m = press(t, m, "esc")
	if m.screen != screenBacklog || m.backlog.selectedID() != p.ID {
		t.Error("esc on a saved post goes back to the backlog, on that post")
	}
	m = press(t, m, "/")
	m = typeText(t, m, "deneigement")
	if len(m.backlog.view) != 1 {
		t.Errorf("the new post is not found by the filter")
	}
}

func TestLeavingWithUnsavedChangesAsks(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "enter")
	m = typeText(t, m, " (bis)")
	m = press(t, m, "esc")
	if m.confirm == nil || m.screen != screenEditor {
		t.Fatal("esc with unsaved changes must ask first")
	}
	m = press(t, m, "esc") // stay
	if m.confirm != nil || m.screen != screenEditor || !m.editor.dirty() {
		t.Fatal("esc on the question keeps the editor as it was")
	}
	m = press(t, m, "esc", "n") // discard
	if m.screen != screenBacklog {
		t.Fatal("n leaves without saving")
	}
	if p := mustPost(t, m, "École Jules-Ferry : travaux 🚧"); p.Rev != 1 {
		t.Errorf("discarded edit was saved: rev %d", p.Rev)
	}
	m = press(t, m, "enter")
	m = typeText(t, m, "!")
	m = press(t, m, "esc", "y") // save and leave
	if m.screen != screenBacklog {
		t.Fatal("y saves and leaves")
	}
	if p := mustPost(t, m, "École Jules-Ferry : travaux 🚧!"); p.Rev != 2 {
		t.Errorf("saved edit: rev %d", p.Rev)
	}
}

func TestQuitWithUnsavedChangesAsks(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "enter")
	m = typeText(t, m, "?q")
	if m.confirm != nil || !strings.HasSuffix(m.editor.current().Title, "?q") {
		t.Fatal("? and q are text in the editor")
	}
	next, cmd := m.Update(keyMsg("ctrl+c"))
	m = next.(Model)
	if cmd != nil || m.confirm == nil {
		t.Fatal("ctrl+c with unsaved changes must ask first")
	}
	next, cmd = m.Update(keyMsg("y"))
	m = next.(Model)
	msg := cmd()
	next, cmd = m.Update(msg)
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("after saving, the desk quits")
	}
	if p := mustPost(t, next.(Model), "École Jules-Ferry : travaux 🚧?q"); p.Rev != 2 {
		t.Errorf("quit-save: rev %d", p.Rev)
	}
}

func TestWorkingCopyIsRecovered(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "enter")
	m = typeText(t, m, " – draft")
	// The autosave tick fires: the typed content is kept unsaved.
	m = send(t, m, autosaveMsg{gen: m.editor.gen})
	id := m.editor.post.ID
	if w, ok, err := m.st.Working(id); err != nil || !ok || !strings.HasSuffix(w.Title, "– draft") {
		t.Fatalf("working copy %v %v %+v", ok, err, w)
	}
	// As if the laptop closed: a new desk on the same store.
	m2 := New(Config{Store: m.st, Settings: settings.Default(), Lang: "en", Now: fixedNow, Autosave: -1})
	m2 = send(t, m2, tea.WindowSizeMsg{Width: 100, Height: 30})
	m2 = send(t, m2, m2.loadCmd()())
	m2 = press(t, m2, "enter")
	if !strings.HasSuffix(m2.editor.current().Title, "– draft") || !m2.editor.dirty() {
		t.Fatalf("working copy not offered: %q", m2.editor.current().Title)
	}
	if !strings.Contains(screenText(m2), "Recovered unsaved changes") {
		t.Error("the desk should say it recovered changes")
	}
}

func TestUnsavedNewPostSurvivesACrash(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, nil)
	m = press(t, m, "n")
	m = typeText(t, m, "Never saved")
	m = send(t, m, autosaveMsg{gen: m.editor.gen})
	m2 := New(Config{Store: m.st, Settings: settings.Default(), Lang: "en", Now: fixedNow, Autosave: -1})
	m2 = send(t, m2, tea.WindowSizeMsg{Width: 100, Height: 30})
	m2 = send(t, m2, m2.loadCmd()())
	if len(m2.backlog.posts) != 1 || m2.backlog.posts[0].Title() != "Never saved" {
		t.Fatalf("orphan working copy not recovered: %+v", m2.backlog.posts)
	}
	if !strings.Contains(screenText(m2), "Recovered 1") {
		t.Error("recovery not reported")
	}
}

func TestHistoryListsAndRestores(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "enter")
	m = typeText(t, m, " v2")
	m = press(t, m, "ctrl+s", "esc", "r")
	if m.screen != screenHistory || len(m.history.entries) != 2 {
		t.Fatalf("history: screen %d", m.screen)
	}
	s := screenText(m)
	if !strings.Contains(s, "imported") || !strings.Contains(s, "saved") {
		t.Errorf("history screen:\n%s", s)
	}
	m = press(t, m, "k", "r")
	if m.confirm == nil {
		t.Fatal("restore asks first")
	}
	m = press(t, m, "y")
	p := mustPost(t, m, "École Jules-Ferry : travaux 🚧")
	if p.Rev != 3 {
		t.Errorf("restore should make revision 3, got %d", p.Rev)
	}
	if n := len(m.history.entries); n != 3 || m.history.entries[2].rev.Kind != store.RevRestore {
		t.Errorf("history after restore: %d entries", n)
	}
	m = press(t, m, "esc")
	if m.screen != screenBacklog {
		t.Error("esc leaves the history")
	}
}

func TestDeleteSamplesInOneStep(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "X")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "1 sample") {
		t.Fatalf("X should ask: %+v", m.confirm)
	}
	m = press(t, m, "y")
	for _, p := range m.backlog.posts {
		if p.Sample {
			t.Fatal("a sample is still listed")
		}
	}
	if sums, _ := m.st.Summaries(); len(sums) != 5 {
		t.Errorf("%d posts left in the store, want 5", len(sums))
	}
}

func TestHelpShowsEveryEnabledKey(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		m := newTestModel(t, lang, 120, 40, fixture())
		m = press(t, m, "?")
		s := screenText(m)
		for _, sec := range m.backlog.keyMap(&m.desk).sections() {
			for _, b := range enabled(sec.bindings) {
				if !strings.Contains(s, b.Help().Desc) {
					t.Errorf("%s: help lacks %q", lang, b.Help().Desc)
				}
			}
		}
		m = press(t, m, "esc", "enter", "f1")
		if m.screen != screenHelp || !strings.Contains(screenText(m), m.keys.editor.External.Help().Desc) {
			t.Errorf("%s: f1 in the editor shows the editor's keys", lang)
		}
	}
}

func TestHostileTitlesNeverReachTheTerminal(t *testing.T) {
	evil := "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202eevil\x9b31m"
	posts := []store.Post{{Title: evil, Body: evil, Category: evil, Link: evil, Notes: evil, Created: testNow}}
	m := newTestModel(t, "en", 80, 24, posts)
	for _, view := range []string{m.View().Content, press(t, m, "enter").View().Content, press(t, m, "enter", "ctrl+r").View().Content} {
		plain := ansi.Strip(view)
		for _, bad := range []rune{'\x1b', '\x07', '\u202e', '\u009b'} {
			if strings.ContainsRune(plain, bad) {
				t.Errorf("%q reached the screen", bad)
			}
		}
		if !utf8.ValidString(plain) {
			t.Error("a byte that is not UTF-8 reached the screen")
		}
		if strings.Contains(view, "\x1b]52;") {
			t.Error("an OSC 52 sequence reached the screen")
		}
	}
}

func TestTinyAndHugeTerminals(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {1, 1}, {300, 90}} {
		m := newTestModel(t, "fr", size[0], size[1], fixture())
		for _, keys := range [][]string{nil, {"enter"}, {"enter", "ctrl+r"}, {"?"}} {
			v := press(t, m, keys...).View().Content
			lines := strings.Split(v, "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d %v: a line of %d cells", size[0], size[1], keys, w)
					break
				}
			}
		}
	}
}

func TestScreensGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, theme := range []string{"dark", "light"} {
			for _, scr := range []string{"backlog", "editor"} {
				name := fmt.Sprintf("%s_%dx%d_%s", scr, size[0], size[1], theme)
				t.Run(name, func(t *testing.T) {
					m := newTestModel(t, "fr", size[0], size[1], fixture())
					if theme == "light" {
						m = light(t, m)
					}
					if scr == "editor" {
						m = press(t, m, "enter")
					}
					golden.RequireEqual(t, m.View().Content)
				})
			}
		}
	}
}

// mustPost is the stored post of that title.
func mustPost(t *testing.T, m Model, title string) store.Post {
	t.Helper()
	return storedPost(t, &m, title)
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func TestWidthAgreesWithTheStrippedText(t *testing.T) {
	st := NewStyles(true)
	for _, s := range []string{
		"", "abc", "École — « travaux » …", "Tempête 🌬️", "\x1b[38;5;12mbleu\x1b[m et \x1b[1mgras\x1b[0m",
		st.Muted.Render("Ouverture du carnet…") + " " + st.Warning.Render("⚠ 2"), "\x1b]8;;https://valbourg.fr\x07lien\x1b]8;;\x07",
		"\x1b[", "\x1b[38;5", "tab\tà", "\xff\xfe", "\x1b[38;5;é m", "中文标题",
		"│ 👍💚🙏 │", "cafe\u0301 ☕", "e\u0301\u0301x", "1\ufe0f\u20e3 \x1b[1m🇫🇷\x1b[m", "👨‍👩‍👧 ◥ ─╮",
		"a\u200db", "\x1b[7m \x1b[m中", "é\x1b[1m\u0301",
	} {
		if got, want := width(s), cells(ansi.Strip(s)); got != want {
			t.Errorf("width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestCellsAgreesWithGraphemeWidth(t *testing.T) {
	for _, s := range []string{
		"", "École — « travaux » …", "Tempête 🌬️", "👨‍👩‍👧‍👦 🇫🇷 1️⃣", "e\u0301té", "中文标题",
		"Привет", "Ελληνικά", "5 €", "\u200bzero", "a\u0301", "مرحبا",
	} {
		if got, want := cells(s), ansi.StringWidth(s); got != want {
			t.Errorf("cells(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestFilterStepsSurviveErasing(t *testing.T) {
	m := newTestModel(t, "fr", 100, 30, fixture())
	m = press(t, m, "/")
	m = typeText(t, m, "pis")
	steps := len(m.backlog.steps)
	m = press(t, m, "backspace", "backspace")
	want := 0
	for i, p := range m.backlog.posts {
		if p.Status() != store.StatusArchived && strings.Contains(m.backlog.key(int32(i)), "p") {
			want++
		}
	}
	if got := len(m.backlog.view); got != want || want == 0 {
		t.Errorf("after erasing to %q: %d rows, want %d", m.backlog.query, got, want)
	}
	if len(m.backlog.steps) != steps-2 {
		t.Errorf("steps %d, want %d", len(m.backlog.steps), steps-2)
	}
	m = press(t, m, "backspace")
	if len(m.backlog.view) != 5 {
		t.Errorf("empty filter shows %d rows, want 5", len(m.backlog.view))
	}
}

func TestUndoneTypingLeavesNoWorkingCopy(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m = press(t, m, "enter")
	id := m.editor.post.ID
	m = typeText(t, m, "Ghost ")
	m = send(t, m, autosaveMsg{gen: m.editor.gen})
	if _, ok, _ := m.st.Working(id); !ok {
		t.Fatal("the typing was not kept")
	}
	for range 6 {
		m = press(t, m, "backspace")
	}
	m = send(t, m, autosaveMsg{gen: m.editor.gen})
	if _, ok, _ := m.st.Working(id); ok {
		t.Error("typing undone must drop the working copy")
	}
	// Quitting a clean editor drops one too.
	m = typeText(t, m, "x")
	m = send(t, m, autosaveMsg{gen: m.editor.gen})
	m = press(t, m, "backspace")
	next, cmd := m.Update(keyMsg("ctrl+c"))
	m = next.(Model)
	if cmd == nil {
		t.Fatal("ctrl+c on a clean editor quits")
	}
	cmd()
	if _, ok, _ := m.st.Working(id); ok {
		t.Error("quitting a clean editor must drop its working copy")
	}
}

func TestTheDeskMakesTodaysBackup(t *testing.T) {
	m := newTestModel(t, "en", 100, 30, fixture())
	m.backup = true
	m = run(t, m, m.backupCmd())
	sums, err := filepath.Glob(filepath.Join(m.st.BackupDir(), "crieur-*.db"))
	if err != nil || len(sums) != 1 {
		t.Fatalf("backups: %v %v", sums, err)
	}
	if m.isError {
		t.Errorf("backup reported an error: %q", m.message)
	}
}

// TestWidthAgreesOnAnyMix: the pieces the desk's frames are made of, in
// any order, measure as their stripped text does.

// TestWidthAgreesOnAnyMix: the pieces the desk's frames are made of, in
// any order, measure as lipgloss measures them.
func TestWidthAgreesOnAnyMix(t *testing.T) {
	pieces := []string{"a", "é", "e\u0301", "\u0301", " ", "🎄", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1\ufe0f\u20e3", "│", "◥", "─", "中", "«\u00a0", "\x1b[1m", "\x1b[38;2;1;2;3m", "\x1b[m", "…", "\u200d", "▶", "\ufe0f", "↔", "◽", "╭─╮"}
	rng := rand.New(rand.NewPCG(20261203, 1))
	for range 5_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("width(%q) = %d, want %d", s, got, want)
		}
	}
}
