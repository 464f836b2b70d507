package ui

// memo keeps the last drawing of a part of the frame that a key press
// seldom changes (the keys line, the editor's labels), with what it was
// drawn from: the styles, never changed in place, and a key naming the
// rest. Drawing through lipgloss costs microseconds a piece, and a frame
// has dozens of pieces; the editor's budget is a millisecond a key.
// It keeps the last two: a part often goes back and forth between two
// states (saved and unsaved, as a letter is typed and rubbed out).
type memo struct{ last, before drawn }

type drawn struct {
	styles *Styles
	key    string
	text   string
}

func (m *memo) get(st *Styles, key string, draw func() string) string {
	switch {
	case m.last.styles == st && m.last.key == key:
	case m.before.styles == st && m.before.key == key:
		m.last, m.before = m.before, m.last
	default:
		m.last, m.before = drawn{st, key, draw()}, m.last
	}
	return m.last.text
}
