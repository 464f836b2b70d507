// Package textedit is the editor's multi-line text field: the body of a
// post and its notes.
//
// It is written here rather than taken from bubbles' textarea because of
// what a key costs. The textarea draws every line of the text, styled, on
// each Update and again on each View, and its viewport then keeps the
// rows in view: about 3 ms a key for a post of 1,500 characters, three
// times the editor's whole budget. This field wraps a line once, when it
// changes or the width does, and draws only the rows in view, so a key
// costs the same whatever the length of the text.
//
// Text is kept as lines of UTF-8; the cursor is a byte offset within its
// line, always on a grapheme boundary, so that an accented letter written
// in two code points or an emoji with its modifiers moves and deletes as
// the one character a person sees. Widths are measured as the rest of the
// desk measures them (x/ansi), so the rows line up with the frame.
package textedit

import (
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Styles are how the field draws its text, its placeholder and, when it
// has the focus, the character under the cursor.
type Styles struct {
	Text        lipgloss.Style
	Placeholder lipgloss.Style
	Cursor      lipgloss.Style
}

// DefaultStyles draw plain text, a faint placeholder and a reversed
// cursor.
func DefaultStyles() Styles {
	return Styles{
		Placeholder: lipgloss.NewStyle().Faint(true),
		Cursor:      lipgloss.NewStyle().Reverse(true),
	}
}

// Model is the state of one field. Its methods take a pointer: the field
// is kept in place, never copied from one key to the next.
type Model struct {
	KeyMap      KeyMap
	Placeholder string
	// Sanitize, when set, is applied to whatever is typed or pasted,
	// after line ends are made "\n": the desk makes control characters
	// visible with it. Without it, tabs become four spaces and other
	// control characters are dropped.
	Sanitize func(string) string

	lines  []string
	row    int // the cursor's line
	col    int // the cursor's byte offset in its line
	goal   int // the column up and down aim for, -1 when none
	width  int
	height int
	top    int // the first row in view, counted over the wrapped rows
	focus  bool
	styles Styles
	pens   pens // the styles' sequences, written around each piece of a row

	wraps   [][]int // per line, the byte offsets where its rows start; nil until needed
	value   string  // the text, made again only after a change
	valueOK bool
}

// New is an empty field, 40 columns by 6 rows, without the focus.
func New() Model {
	m := Model{
		KeyMap: DefaultKeyMap(),
		lines:  []string{""},
		wraps:  [][]int{nil},
		goal:   -1,
		width:  40,
		height: 6,
	}
	m.SetStyles(DefaultStyles())
	return m
}

// SetValue replaces the text; the cursor goes to its end.
func (m *Model) SetValue(s string) {
	m.lines = strings.Split(m.clean(s), "\n")
	m.wraps = make([][]int, len(m.lines))
	m.row, m.col = m.end()
	m.top = 0
	m.changed()
	m.follow()
}

// Value is the text.
func (m *Model) Value() string {
	if !m.valueOK {
		m.value = strings.Join(m.lines, "\n")
		m.valueOK = true
	}
	return m.value
}

// MoveToBegin puts the cursor at the start of the text.
func (m *Model) MoveToBegin() {
	m.row, m.col, m.goal = 0, 0, -1
	m.follow()
}

// end is the position after the text's last character.
func (m *Model) end() (row, col int) {
	row = len(m.lines) - 1
	return row, len(m.lines[row])
}

// Focus gives the field the keys and shows its cursor.
func (m *Model) Focus() tea.Cmd {
	m.focus = true
	return nil
}

// Blur takes the keys away and hides the cursor.
func (m *Model) Blur() { m.focus = false }

// SetWidth sets the width of the text, in cells. A space that ends a full
// row hangs one cell past it, as does the cursor after it.
func (m *Model) SetWidth(w int) {
	w = max(w, 1)
	if w != m.width {
		m.width = w
		clear(m.wraps)
	}
	m.follow()
}

// SetHeight sets how many rows show.
func (m *Model) SetHeight(h int) {
	m.height = max(h, 1)
	m.follow()
}

// Width is the width of the text, in cells.
func (m *Model) Width() int { return m.width }

// Height is how many rows show.
func (m *Model) Height() int { return m.height }

// SetStyles sets how the field draws.
func (m *Model) SetStyles(s Styles) {
	m.styles = s
	m.pens = pens{text: penOf(s.Text), cursor: penOf(s.Cursor)}
}

// Update takes a key or a paste. A key the field has no use for changes
// nothing.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if !m.focus {
		return nil
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.insert(m.clean(msg.Content))
	case tea.KeyPressMsg:
		m.key(msg)
	default:
		return nil
	}
	m.follow()
	return nil
}

func (m *Model) key(k tea.KeyPressMsg) {
	km := &m.KeyMap
	vertical := false
	switch {
	case key.Matches(k, km.LineNext):
		m.moveRows(1)
		vertical = true
	case key.Matches(k, km.LinePrevious):
		m.moveRows(-1)
		vertical = true
	case key.Matches(k, km.PageDown):
		m.moveRows(m.height)
		vertical = true
	case key.Matches(k, km.PageUp):
		m.moveRows(-m.height)
		vertical = true
	case key.Matches(k, km.CharacterForward):
		m.row, m.col = m.after(m.row, m.col)
	case key.Matches(k, km.CharacterBackward):
		m.row, m.col = m.before(m.row, m.col)
	case key.Matches(k, km.WordForward):
		m.row, m.col = m.wordAfter(m.row, m.col)
	case key.Matches(k, km.WordBackward):
		m.row, m.col = m.wordBefore(m.row, m.col)
	case key.Matches(k, km.LineStart):
		m.col = 0
	case key.Matches(k, km.LineEnd):
		m.col = len(m.lines[m.row])
	case key.Matches(k, km.InputBegin):
		m.row, m.col = 0, 0
	case key.Matches(k, km.InputEnd):
		m.row, m.col = m.end()
	case key.Matches(k, km.InsertNewline):
		m.insert("\n")
	case key.Matches(k, km.DeleteCharacterBackward):
		r, c := m.before(m.row, m.col)
		m.remove(r, c, m.row, m.col)
	case key.Matches(k, km.DeleteCharacterForward):
		r, c := m.after(m.row, m.col)
		m.remove(m.row, m.col, r, c)
	case key.Matches(k, km.DeleteWordBackward):
		r, c := m.wordBefore(m.row, m.col)
		m.remove(r, c, m.row, m.col)
	case key.Matches(k, km.DeleteWordForward):
		r, c := m.wordAfter(m.row, m.col)
		m.remove(m.row, m.col, r, c)
	case key.Matches(k, km.DeleteBeforeCursor):
		m.remove(m.row, 0, m.row, m.col)
	case key.Matches(k, km.DeleteAfterCursor):
		m.remove(m.row, m.col, m.row, len(m.lines[m.row]))
	case k.Text != "" && k.Mod&^tea.ModShift == 0:
		m.insert(m.clean(k.Text))
	}
	if !vertical {
		m.goal = -1
	}
}

// clean makes what is typed or pasted fit for the field: line ends as
// "\n", then Sanitize or the default.
func (m *Model) clean(s string) string {
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if m.Sanitize != nil {
		return m.Sanitize(s)
	}
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\t", "    "))
}

// insert puts s, already clean, at the cursor and moves the cursor after it.
func (m *Model) insert(s string) {
	if s == "" {
		return
	}
	line := m.lines[m.row]
	head, tail := line[:m.col], line[m.col:]
	parts := strings.Split(s, "\n")
	if len(parts) == 1 {
		m.lines[m.row] = head + s + tail
		m.col += len(s)
		m.wraps[m.row] = nil
		m.changed()
		return
	}
	parts[0] = head + parts[0]
	last := len(parts) - 1
	col := len(parts[last])
	parts[last] += tail
	m.lines = append(m.lines[:m.row], append(parts, m.lines[m.row+1:]...)...)
	m.wraps = append(m.wraps[:m.row], append(make([][]int, len(parts)), m.wraps[m.row+1:]...)...)
	m.row += last
	m.col = col
	m.changed()
}

// remove deletes the text from (r1, c1) to (r2, c2), the first not after
// the second, and leaves the cursor where it started.
func (m *Model) remove(r1, c1, r2, c2 int) {
	if r1 == r2 && c1 == c2 {
		return
	}
	m.lines[r1] = m.lines[r1][:c1] + m.lines[r2][c2:]
	m.lines = append(m.lines[:r1+1], m.lines[r2+1:]...)
	m.wraps = append(m.wraps[:r1+1], m.wraps[r2+1:]...)
	m.wraps[r1] = nil
	m.row, m.col = r1, c1
	m.changed()
}

func (m *Model) changed() { m.valueOK = false }

// after is the position one character after (r, c): the next line's start
// at the end of a line.
func (m *Model) after(r, c int) (int, int) {
	line := m.lines[r]
	if c >= len(line) {
		if r+1 < len(m.lines) {
			return r + 1, 0
		}
		return r, len(line)
	}
	g, _ := grapheme(line[c:])
	return r, c + len(g)
}

// before is the position one character before (r, c): the previous line's
// end at the start of a line.
func (m *Model) before(r, c int) (int, int) {
	if c == 0 {
		if r > 0 {
			return r - 1, len(m.lines[r-1])
		}
		return 0, 0
	}
	line := m.lines[r]
	// Graphemes are found going forward: start from the row holding the
	// character before c, never from the line's start.
	starts := m.wrapped(r)
	i := starts[rowOf(starts, c-1)]
	for {
		g, _ := grapheme(line[i:])
		if i+len(g) >= c {
			return r, i
		}
		i += len(g)
	}
}

// wordAfter is the end of the word at or after (r, c), crossing lines.
func (m *Model) wordAfter(r, c int) (int, int) {
	for c >= len(m.lines[r]) && r+1 < len(m.lines) {
		r, c = r+1, 0
	}
	line := m.lines[r]
	for c < len(line) && isSpace(line[c:]) {
		_, c = m.after(r, c)
	}
	for c < len(line) && !isSpace(line[c:]) {
		_, c = m.after(r, c)
	}
	return r, c
}

// wordBefore is the start of the word at or before (r, c), crossing lines.
func (m *Model) wordBefore(r, c int) (int, int) {
	for c == 0 && r > 0 {
		r, c = r-1, len(m.lines[r-1])
	}
	line := m.lines[r]
	for c > 0 {
		_, p := m.before(r, c)
		if !isSpace(line[p:]) {
			break
		}
		c = p
	}
	for c > 0 {
		_, p := m.before(r, c)
		if isSpace(line[p:]) {
			break
		}
		c = p
	}
	return r, c
}

func isSpace(s string) bool {
	g, _ := grapheme(s)
	for _, r := range g {
		return unicode.IsSpace(r)
	}
	return false
}

// wrapped is line r's row starts, wrapped again if it changed.
func (m *Model) wrapped(r int) []int {
	if m.wraps[r] == nil {
		m.wraps[r] = wrap(m.lines[r], m.width)
	}
	return m.wraps[r]
}

// rowOf is the row, among starts, that holds byte offset c: a position
// where a row starts belongs to that row, not the end of the one before.
func rowOf(starts []int, c int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > c }) - 1
}

// cursorRow is the cursor's row counted over the wrapped rows, and the row
// of its line it is on.
func (m *Model) cursorRow() (visual, within int) {
	for r := range m.row {
		visual += len(m.wrapped(r))
	}
	within = rowOf(m.wrapped(m.row), m.col)
	return visual + within, within
}

// rows is how many rows the whole text wraps to.
func (m *Model) rows() int {
	n := 0
	for r := range m.lines {
		n += len(m.wrapped(r))
	}
	return n
}

// follow scrolls so that the cursor's row shows, and no empty rows show
// below the text while some above it are hidden.
func (m *Model) follow() {
	cur, _ := m.cursorRow()
	if cur < m.top {
		m.top = cur
	}
	if cur >= m.top+m.height {
		m.top = cur - m.height + 1
	}
	m.top = max(min(m.top, m.rows()-m.height), 0)
}

// moveRows moves the cursor n rows down (up when negative), keeping to
// the column it aimed for. Past the first row it goes to the text's
// start, past the last to its end.
func (m *Model) moveRows(n int) {
	cur, within := m.cursorRow()
	starts := m.wrapped(m.row)
	if m.goal < 0 {
		m.goal = cells(m.lines[m.row][starts[within]:m.col])
	}
	target := cur + n
	if target < 0 {
		m.row, m.col = 0, 0
		return
	}
	if target >= m.rows() {
		m.row, m.col = m.end()
		return
	}
	r := 0
	for ; ; r++ {
		rs := len(m.wrapped(r))
		if target < rs {
			break
		}
		target -= rs
	}
	starts = m.wrapped(r)
	line := m.lines[r]
	end := len(line)
	last := target == len(starts)-1
	if !last {
		end = starts[target+1]
	}
	c, w := starts[target], 0
	for c < end {
		g, gw := grapheme(line[c:])
		if w+gw > m.goal || (!last && c+len(g) >= end) {
			break
		}
		w += gw
		c += len(g)
	}
	m.row, m.col = r, c
}
