package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listCursor is the selected row of a list and the first row on screen.
// Every list of the desk moves with it (the backlog, the history, the
// week's rows, the picker, the channels), and so does text that scrolls
// (the help, the phone): there only the offset counts.
type listCursor struct {
	cursor, offset int
}

// clamp keeps the cursor on one of n rows and that row among the h on
// screen.
func (c *listCursor) clamp(n, h int) {
	c.cursor = min(max(c.cursor, 0), max(n-1, 0))
	h = max(h, 1)
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+h {
		c.offset = c.cursor - h + 1
	}
	c.offset = min(max(c.offset, 0), max(n-h, 0))
}

// move moves the cursor by delta rows, n rows in all, h on screen.
func (c *listCursor) move(delta, n, h int) {
	c.cursor += delta
	c.clamp(n, h)
}

// keyPress moves the cursor for the list keys, and says whether k was
// one of them.
func (c *listCursor) keyPress(k tea.KeyPressMsg, keys listKeys, n, h int) bool {
	delta, ok := keys.delta(k, n, h)
	if ok {
		c.move(delta, n, h)
	}
	return ok
}

// scroll moves text of n lines, h on screen, by delta lines: the offset
// alone, the cursor following it.
func (c *listCursor) scroll(delta, n, h int) {
	c.offset = min(max(c.offset+delta, 0), max(n-h, 0))
	c.cursor = c.offset
}

// scrollKeyPress scrolls text for the list keys, and says whether k was
// one of them.
func (c *listCursor) scrollKeyPress(k tea.KeyPressMsg, keys listKeys, n, h int) bool {
	delta, ok := keys.delta(k, n, h)
	if ok {
		c.scroll(delta, n, h)
	}
	return ok
}

// delta is how far k moves in a list of n rows, h on screen, and whether
// k is one of the list keys.
func (keys listKeys) delta(k tea.KeyPressMsg, n, h int) (int, bool) {
	switch {
	case key.Matches(k, keys.Down):
		return 1, true
	case key.Matches(k, keys.Up):
		return -1, true
	case key.Matches(k, keys.PgDown):
		return h, true
	case key.Matches(k, keys.PgUp):
		return -h, true
	case key.Matches(k, keys.Top):
		return -n, true
	case key.Matches(k, keys.Bottom):
		return n, true
	}
	return 0, false
}

// window is the range of rows on screen.
func (c listCursor) window(n, h int) (start, end int) {
	start = min(max(c.offset, 0), n)
	return start, min(start+max(h, 0), n)
}
