package textedit

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// FuzzEditing: any text, at any size, under any keys: the field never
// panics, its cursor stays within its line on a character's start, its
// value is its lines, a line's rows put together are the line, the view
// is as many rows as the field is high, and the cursor's row is in it.
func FuzzEditing(f *testing.F) {
	f.Add("Bonjour à tous\nla piscine est fermée", uint8(10), []byte{0, 1, 2, 3, 4, 5})
	f.Add("🏊 cafe\u0301 👨‍👩‍👧\n\n«\u00a0fin\u00a0»", uint8(3), []byte{6, 7, 8, 9, 10, 11, 12, 13})
	f.Add("\x1b[31m\r\n\t\xff", uint8(200), []byte{14, 15, 16, 17, 18, 19, 20, 21, 22})
	keys := []tea.Msg{
		keyMsg("a"), keyMsg("é"), keyMsg("🎉"), keyMsg(" "), keyMsg("enter"), keyMsg("backspace"),
		keyMsg("delete"), keyMsg("left"), keyMsg("right"), keyMsg("up"), keyMsg("down"),
		keyMsg("home"), keyMsg("end"), keyMsg("ctrl+home"), keyMsg("ctrl+end"), keyMsg("pgup"),
		keyMsg("pgdown"), keyMsg("alt+left"), keyMsg("alt+right"), keyMsg("alt+backspace"),
		keyMsg("alt+d"), keyMsg("ctrl+k"), keyMsg("ctrl+u"), keyMsg("ctrl+w"),
		tea.PasteMsg{Content: "collé\r\nici\tet là e\u0301"},
	}
	f.Fuzz(func(t *testing.T, text string, size uint8, ops []byte) {
		m := New()
		m.SetWidth(int(size%60) + 1)
		m.SetHeight(int(size%7) + 1)
		m.SetValue(text)
		m.Focus()
		for i, op := range ops {
			if op == 255 {
				m.SetWidth(int(size%13) + 1) // a resize between keys
			} else {
				m.Update(keys[int(op)%len(keys)])
			}
			if m.row < 0 || m.row >= len(m.lines) || len(m.wraps) != len(m.lines) {
				t.Fatalf("after op %d: row %d of %d lines, %d wraps", i, m.row, len(m.lines), len(m.wraps))
			}
			line := m.lines[m.row]
			if m.col < 0 || m.col > len(line) || m.col < len(line) && !utf8.RuneStart(line[m.col]) {
				t.Fatalf("after op %d: col %d in %q", i, m.col, line)
			}
			if m.Value() != strings.Join(m.lines, "\n") {
				t.Fatalf("after op %d: value %q, lines %q", i, m.Value(), m.lines)
			}
			starts := m.wrapped(m.row)
			var joined strings.Builder
			for k := range starts {
				joined.WriteString(segment(line, starts, k))
			}
			if joined.String() != line {
				t.Fatalf("after op %d: rows of %q put together are %q", i, line, joined.String())
			}
			if n := strings.Count(m.View(), "\n") + 1; n != m.height {
				t.Fatalf("after op %d: %d rows drawn, height %d", i, n, m.height)
			}
			if cur, _ := m.cursorRow(); cur < m.top || cur >= m.top+m.height {
				t.Fatalf("after op %d: the cursor's row %d is out of view (%d to %d)", i, cur, m.top, m.top+m.height-1)
			}
		}
	})
}
