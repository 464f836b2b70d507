package textedit

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the rows in view, height of them, each at most one cell
// wider than the field (a hanging space, or the cursor after it).
func (m *Model) View() string {
	if m.Placeholder != "" && len(m.lines) == 1 && m.lines[0] == "" {
		return m.placeholderView()
	}
	var b strings.Builder
	b.Grow(m.height * (m.width + 16))
	shown, visual := 0, 0
	for r := 0; r < len(m.lines) && shown < m.height; r++ {
		starts := m.wrapped(r)
		if visual+len(starts) <= m.top {
			visual += len(starts)
			continue
		}
		for k := range starts {
			if visual+k < m.top {
				continue
			}
			if shown == m.height {
				break
			}
			if shown > 0 {
				b.WriteByte('\n')
			}
			m.drawRow(&b, r, starts, k)
			shown++
		}
		visual += len(starts)
	}
	for ; shown < m.height; shown++ {
		if shown > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// drawRow writes row k of line r, the cursor in it if it is there.
func (m *Model) drawRow(b *strings.Builder, r int, starts []int, k int) {
	line := m.lines[r]
	seg := segment(line, starts, k)
	start := starts[k]
	if !m.focus || r != m.row || rowOf(starts, m.col) != k {
		m.pens.text.write(b, seg, m.styles.Text)
		return
	}
	at := m.col - start
	m.pens.text.write(b, seg[:at], m.styles.Text)
	under, _ := grapheme(seg[at:])
	if under == "" {
		under = " "
	}
	m.pens.cursor.write(b, under, m.styles.Cursor)
	m.pens.text.write(b, seg[min(at+len(under), len(seg)):], m.styles.Text)
}

// pens are the sequences a style writes before and after a piece of text.
type pens struct{ text, cursor pen }

type pen struct {
	on, off string
	ok      bool // false: the style does more than colour text, and renders
}

// penOf finds the sequences style writes around a character. Drawing a
// row then costs two string writes, where lipgloss's Render would look
// at every property of the style again for each piece of each row.
func penOf(style lipgloss.Style) pen {
	const probe = "x"
	r := style.Render(probe)
	i := strings.Index(r, probe)
	if i < 0 || strings.Count(r, probe) != 1 || style.Render("xy z") != r[:i]+"xy z"+r[i+1:] {
		return pen{}
	}
	return pen{on: r[:i], off: r[i+1:], ok: true}
}

func (p pen) write(b *strings.Builder, s string, style lipgloss.Style) {
	switch {
	case s == "":
	case p.ok:
		b.WriteString(p.on)
		b.WriteString(s)
		b.WriteString(p.off)
	default:
		b.WriteString(style.Render(s))
	}
}

// placeholderView is the placeholder cut to the field, the cursor on its
// first character when the field has the focus.
func (m *Model) placeholderView() string {
	p := ansi.Truncate(m.Placeholder, m.width, "…")
	var first string
	if m.focus {
		first, _ = grapheme(p)
		p = m.styles.Cursor.Render(first) + m.styles.Placeholder.Render(p[len(first):])
	} else {
		p = m.styles.Placeholder.Render(p)
	}
	return p + strings.Repeat("\n", m.height-1)
}
