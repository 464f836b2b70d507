package textedit

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func field(text string, w, h int) *Model {
	m := New()
	m.SetWidth(w)
	m.SetHeight(h)
	m.SetValue(text)
	m.Focus()
	return &m
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

// keyMsg is the key a terminal sends for a name of the key map, or the
// text of a plain key.
func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter":         {Code: tea.KeyEnter},
		"backspace":     {Code: tea.KeyBackspace},
		"delete":        {Code: tea.KeyDelete},
		"left":          {Code: tea.KeyLeft},
		"right":         {Code: tea.KeyRight},
		"up":            {Code: tea.KeyUp},
		"down":          {Code: tea.KeyDown},
		"home":          {Code: tea.KeyHome},
		"end":           {Code: tea.KeyEnd},
		"pgdown":        {Code: tea.KeyPgDown},
		"pgup":          {Code: tea.KeyPgUp},
		"ctrl+k":        {Code: 'k', Mod: tea.ModCtrl},
		"ctrl+u":        {Code: 'u', Mod: tea.ModCtrl},
		"ctrl+w":        {Code: 'w', Mod: tea.ModCtrl},
		"ctrl+home":     {Code: tea.KeyHome, Mod: tea.ModCtrl},
		"ctrl+end":      {Code: tea.KeyEnd, Mod: tea.ModCtrl},
		"alt+left":      {Code: tea.KeyLeft, Mod: tea.ModAlt},
		"alt+right":     {Code: tea.KeyRight, Mod: tea.ModAlt},
		"alt+d":         {Code: 'd', Mod: tea.ModAlt},
		"alt+backspace": {Code: tea.KeyBackspace, Mod: tea.ModAlt},
	}
	if k, ok := special[name]; ok {
		return k
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// cursorMark is the text with "|" where the cursor is.
func cursorMark(m *Model) string {
	lines := slices.Clone(m.lines)
	lines[m.row] = lines[m.row][:m.col] + "|" + lines[m.row][m.col:]
	return strings.Join(lines, "\n")
}

func TestTyping(t *testing.T) {
	for _, c := range []struct {
		name, text string
		keys       []string
		want       string
	}{
		{"letters at the end", "Bonjour", []string{" ", "à", " ", "t", "o", "u", "s"}, "Bonjour à tous|"},
		{"a new line splits", "Piscine fermée", []string{"home", "right", "right", "right", "right", "right", "right", "right", "enter"}, "Piscine\n| fermée"},
		{"backspace joins lines", "Un\ndeux", []string{"ctrl+home", "down", "home", "backspace"}, "Un|deux"},
		{"delete joins lines", "Un\ndeux", []string{"ctrl+home", "end", "delete"}, "Un|deux"},
		{"backspace at the start changes nothing", "Un", []string{"ctrl+home", "backspace"}, "|Un"},
		{"ctrl+k cuts to the end", "Marché de Noël", []string{"home", "alt+right", "ctrl+k"}, "Marché|"},
		{"ctrl+u cuts to the start", "Marché de Noël", []string{"home", "alt+right", "ctrl+u"}, "| de Noël"},
		{"a word back", "Marché de Noël", []string{"alt+backspace"}, "Marché de |"},
		{"a word forward", "Marché de Noël", []string{"home", "alt+d"}, "| de Noël"},
		{"words across lines", "un\ndeux", []string{"ctrl+home", "alt+right", "alt+right"}, "un\ndeux|"},
		{"back over a word and spaces", "un   deux", []string{"alt+left", "alt+left"}, "|un   deux"},
		// é as e and a combining accent is one character to move over
		// and to delete; so is a family emoji.
		{"combining accent", "cafe\u0301", []string{"left", "backspace"}, "ca|e\u0301"},
		{"delete a combining accent", "cafe\u0301", []string{"backspace"}, "caf|"},
		{"an emoji family", "a👨‍👩‍👧b", []string{"left", "left", "backspace"}, "|👨‍👩‍👧b"},
		{"delete an emoji family", "a👨‍👩‍👧b", []string{"left", "backspace", "x"}, "ax|b"},
		{"right at the end stays", "ab", []string{"right", "right"}, "ab|"},
		{"left crosses lines", "ab\ncd", []string{"home", "left"}, "ab|\ncd"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := field(c.text, 40, 5)
			press(m, c.keys...)
			if got := cursorMark(m); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			if m.Value() != strings.Replace(c.want, "|", "", 1) {
				t.Errorf("Value() %q, lines %q", m.Value(), m.lines)
			}
		})
	}
}

func TestPasteIsCleaned(t *testing.T) {
	m := field("", 40, 5)
	m.Update(tea.PasteMsg{Content: "Ligne 1\r\nLigne\t2\rfin\x1b]52;c;aGk=\x07"})
	if got, want := m.Value(), "Ligne 1\nLigne    2\nfin]52;c;aGk="; got != want {
		t.Errorf("pasted %q, want %q", got, want)
	}
	visible := func(s string) string { return strings.ReplaceAll(s, "\x1b", "␛") }
	m = field("", 40, 5)
	m.Sanitize = visible
	m.Update(tea.PasteMsg{Content: "a\x1bb"})
	if m.Value() != "a␛b" {
		t.Errorf("with Sanitize: %q", m.Value())
	}
}

func TestBlurredTakesNothing(t *testing.T) {
	m := field("texte", 40, 5)
	m.Blur()
	press(m, "x", "backspace")
	if m.Value() != "texte" {
		t.Errorf("a blurred field changed: %q", m.Value())
	}
	if strings.Contains(m.View(), "\x1b[7m") {
		t.Errorf("a blurred field shows its cursor: %q", m.View())
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		line string
		w    int
		want []string
	}{
		{"", 10, []string{""}},
		{"court", 10, []string{"court"}},
		{"la piscine est fermée", 10, []string{"la piscine ", "est fermée"}},
		{"le marché est ouvert", 10, []string{"le marché ", "est ouvert"}},
		{"ab 日本", 3, []string{"ab ", "日", "本"}},
		{"exactement dix", 10, []string{"exactement ", "dix"}},
		{"anticonstitutionnellement", 10, []string{"anticonsti", "tutionnell", "ement"}},
		{"dix cases ", 9, []string{"dix cases ", ""}},
		{"a  b", 1, []string{"a ", " ", "b"}},
		{"🎄🎄🎄", 5, []string{"🎄🎄", "🎄"}},
		{"🎄", 1, []string{"🎄"}},
	} {
		var got []string
		starts := wrap(c.line, c.w)
		for k := range starts {
			got = append(got, segment(c.line, starts, k))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.line, c.w, got, c.want)
		}
	}
}

// TestWrapKeepsEverything: whatever the text and the width, the rows put
// together are the line, each row ends on a character's boundary, and
// none is wider than the field but for one hanging space.
func TestWrapKeepsEverything(t *testing.T) {
	pieces := []string{"a", "é", "e\u0301", " ", "  ", "🎄", "👨‍👩‍👧", "mot", "anticonstitutionnellement", "«\u00a0", "日本"}
	rng := rand.New(rand.NewPCG(3, 12))
	for range 2_000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line, w := b.String(), 1+rng.IntN(20)
		starts := wrap(line, w)
		var joined strings.Builder
		for k := range starts {
			seg := segment(line, starts, k)
			joined.WriteString(seg)
			sw := ansi.StringWidth(seg)
			if sw > w && !(sw == w+1 && strings.HasSuffix(seg, " ")) && ansi.StringWidth(strings.TrimSuffix(seg, " ")) > 2 {
				t.Fatalf("wrap(%q, %d): row %q is %d cells", line, w, seg, sw)
			}
			if k > 0 && starts[k] <= starts[k-1] && starts[k] != len(line) {
				t.Fatalf("wrap(%q, %d): rows do not advance: %v", line, w, starts)
			}
		}
		if joined.String() != line {
			t.Fatalf("wrap(%q, %d) loses text: %q", line, w, joined.String())
		}
	}
}

func TestUpAndDownKeepTheColumn(t *testing.T) {
	// At 10 cells: "le " / "carnaval " / "est fermé", then "ok".
	m := field("le carnaval est fermé\nok", 10, 5)
	press(m, "ctrl+home", "down", "right", "right", "right", "right", "right")
	for _, step := range []struct{ key, want, why string }{
		{"", "le carna|val est fermé\nok", "five to the right on the second row"},
		{"down", "le carnaval est f|ermé\nok", "down"},
		{"down", "le carnaval est fermé\nok|", "down to a shorter line"},
		{"up", "le carnaval est f|ermé\nok", "up again keeps the column"},
		{"up", "le carna|val est fermé\nok", "up"},
		{"up", "le| carnaval est fermé\nok", "up onto a shorter row stays before its break"},
		{"up", "|le carnaval est fermé\nok", "up from the first row"},
		{"pgdown", "le carnaval est fermé\nok|", "page down"},
	} {
		if step.key != "" {
			press(m, step.key)
		}
		if got := cursorMark(m); got != step.want {
			t.Fatalf("%s: got %q, want %q", step.why, got, step.want)
		}
	}
}

// TestViewShowsTheCursorsRows: the view is as many rows as the field is
// high, whatever the text's length, and follows the cursor.
func TestViewShowsTheCursorsRows(t *testing.T) {
	var lines []string
	for i := range 100 {
		lines = append(lines, "ligne "+strings.Repeat("x", i%7))
	}
	m := field(strings.Join(lines, "\n"), 20, 4)
	rows := func() []string { return strings.Split(ansi.Strip(m.View()), "\n") }
	if got := rows(); len(got) != 4 || got[3] != "ligne x " {
		t.Errorf("at the end: %q", got)
	}
	press(m, "ctrl+home")
	if got := rows(); len(got) != 4 || got[0] != "ligne " {
		t.Errorf("at the start: %q", got)
	}
	press(m, "down", "down", "down", "down")
	if got := rows(); got[3] != "ligne xxxx" || got[0] != "ligne x" {
		t.Errorf("after four downs the fifth line shows last: %q", got)
	}
	// Deleting the end of a long text brings the rows above back in.
	m.SetValue(strings.Join(lines[:10], "\n"))
	press(m, "ctrl+end")
	for range 6 {
		press(m, "ctrl+u", "backspace")
	}
	if got := rows(); got[0] != "ligne " || got[3] != "ligne xxx " {
		t.Errorf("after deleting the end: %q (top %d)", got, m.top)
	}
	short := field("un", 20, 3)
	if got := rows2(short); len(got) != 3 {
		t.Errorf("a short text is still 3 rows: %q", got)
	}
}

func rows2(m *Model) []string { return strings.Split(ansi.Strip(m.View()), "\n") }

func TestPlaceholder(t *testing.T) {
	m := field("", 12, 3)
	m.Placeholder = "Le texte du message"
	got := rows2(m)
	if len(got) != 3 || got[0] != "Le texte du…" {
		t.Errorf("placeholder: %q", got)
	}
	press(m, "a")
	if got := rows2(m); got[0] != "a " {
		t.Errorf("typed over the placeholder: %q", got)
	}
}

func TestCursorIsDrawn(t *testing.T) {
	m := field("abc", 10, 1)
	press(m, "left")
	m.SetStyles(Styles{Cursor: DefaultStyles().Cursor})
	if v := m.View(); !strings.Contains(v, "ab\x1b[7mc") {
		t.Errorf("the cursor on c: %q", v)
	}
	press(m, "end")
	if v := m.View(); !strings.Contains(v, "abc\x1b[7m ") {
		t.Errorf("the cursor after c: %q", v)
	}
}

// BenchmarkKey: a key typed and the field drawn, in a text of 1,500 and
// of 15,000 characters. The two cost the same: only the changed line is
// wrapped again and only the rows in view are drawn.
func BenchmarkKey(b *testing.B) {
	para := "La piscine municipale ferme ses portes pour travaux du lundi 3 au vendredi 14 ; les cours reprennent ensuite. "
	for _, n := range []int{1_500, 15_000} {
		var text strings.Builder
		for text.Len() < n {
			text.WriteString(para)
			if text.Len()%3 == 0 {
				text.WriteString("\n\n")
			}
		}
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			m := field(text.String(), 60, 14)
			press(m, "ctrl+home", "down", "down", "down")
			keys := []tea.KeyPressMsg{keyMsg("a"), keyMsg("backspace")}
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				m.Update(keys[i%2])
				_ = m.View()
				i++
			}
		})
	}
}

// TestPensDrawAsLipgloss: a row drawn with the styles' sequences is what
// lipgloss would have drawn.
func TestPensDrawAsLipgloss(t *testing.T) {
	for _, st := range []lipgloss.Style{
		lipgloss.NewStyle(),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#1f2328")),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#1f2328")).Reverse(true),
		lipgloss.NewStyle().Bold(true).Background(lipgloss.Color("4")),
		lipgloss.NewStyle().Padding(0, 1), // more than colour: drawn by lipgloss
	} {
		p := penOf(st)
		for _, s := range []string{"Marché de Noël", " ", "é", "🎄 fête"} {
			var b strings.Builder
			p.write(&b, s, st)
			if b.String() != st.Render(s) {
				t.Errorf("%q with %v: %q, lipgloss %q", s, st, b.String(), st.Render(s))
			}
		}
	}
}
