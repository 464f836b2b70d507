package phone

// The canvas Render writes on, and the phone around the message: its
// frame, status bar, channel header and the bubble's edges.

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// canvas writes the frame row by row. Each row is written left to right as
// pens and text whose widths the writer adds up itself; every row ends
// with a reset, so no colour leaks past the frame.
type canvas struct {
	b    strings.Builder
	t    *theme
	l    layout
	w    Words
	rows int
	pen  string // the pen of the blanks just written, if that was the last thing written
	tail bool   // the bubble's tail is drawn
}

const blanks = "                                                                "

func (c *canvas) startRow() {
	if c.rows > 0 {
		c.b.WriteByte('\n')
	}
	c.rows++
}

func (c *canvas) endRow() {
	c.b.WriteString(ansi.ResetStyle)
	c.pen = ""
}

// write draws text with a pen. The pen is written every time, even when
// it is the one in force: the escape sequence between two pieces of text
// is what keeps a terminal (and ansi.StringWidth) from reading a cluster
// across them, so each piece measures what the layout counted.
func (c *canvas) write(pen, s string) {
	c.b.WriteString(pen)
	c.b.WriteString(s)
	c.pen = ""
}

// raw writes text that carries its own colours (an image row).
func (c *canvas) raw(s string) {
	c.b.WriteString(s)
	c.pen = ""
}

// spaces draws n blanks with a pen, continuing blanks of the same pen
// without repeating it.
func (c *canvas) spaces(pen string, n int) {
	if n <= 0 {
		return
	}
	if pen != c.pen {
		c.b.WriteString(pen)
	}
	c.pen = pen
	for n > 0 {
		k := min(n, len(blanks))
		c.b.WriteString(blanks[:k])
		n -= k
	}
}

func (c *canvas) runs(r row) {
	for _, x := range r.runs {
		c.write(x.pen, x.text)
	}
}

// edgeRow is the top or the bottom of the phone.
func (c *canvas) edgeRow(left, mid, right string) {
	c.startRow()
	c.write(c.t.frame, left+strings.Repeat(mid, c.l.width-2)+right)
	c.endRow()
}

func (c *canvas) openFrame() {
	c.startRow()
	c.write(c.t.frame, "│")
}

func (c *canvas) closeFrame() {
	c.write(c.t.frame, "│")
	c.endRow()
}

// statusBar is the phone's own top line: the time, signal and battery.
func (c *canvas) statusBar(clock string) {
	const signal = "▂▄▆█ ▮▮▮▯"
	c.openFrame()
	c.spaces(c.t.bar, 1)
	c.write(c.t.clock, clock)
	c.spaces(c.t.bar, c.l.inner-2-len(clock)-textWidth(signal))
	c.write(c.t.signal, signal)
	c.spaces(c.t.bar, 1)
	c.closeFrame()
}

// header is the channel's name and follower count beside its avatar.
func (c *canvas) header(name string, followers int) {
	const back = " ← "
	initials := avatarInitials(name)
	indent := textWidth(back) + 1 + textWidth(initials) + 1 + 1 // arrow, avatar and its edges, gap
	avail := c.l.inner - indent - 1

	c.openFrame()
	c.write(c.t.back, back)
	c.write(c.t.avatarEdge, "▐")
	c.write(c.t.avatar, initials)
	c.write(c.t.avatarEdge, "▌")
	c.spaces(c.t.bar, 1)
	used := c.fitted(c.t.title, name, avail)
	c.spaces(c.t.bar, c.l.inner-indent-used)
	c.closeFrame()

	c.openFrame()
	c.spaces(c.t.bar, indent)
	used = c.fitted(c.t.followers, c.w.followers(followers), avail)
	c.spaces(c.t.bar, c.l.inner-indent-used)
	c.closeFrame()
}

// fitted writes one line of text cut with "…" to width cells, and says how
// many cells it took.
func (c *canvas) fitted(pen, s string, width int) int {
	r := row{runs: []run{{pen: pen, text: s, w: textWidth(s)}}, w: textWidth(s)}
	if r.w > width {
		r = truncate(r, width, run{pen: pen, text: "…", w: 1})
	}
	c.runs(r)
	return r.w
}

// avatarInitials takes the initials of the channel's capitalised words
// ("Ville de Valbourg" is "VV"), or of its first words when none is
// capitalised, at most two and two cells wide.
func avatarInitials(name string) string {
	var caps, firsts []string
	for _, word := range strings.Fields(name) {
		r := []rune(word)[0]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		first, _ := cluster(word)
		firsts = append(firsts, first)
		if unicode.IsUpper(r) {
			caps = append(caps, first)
		}
	}
	pick := caps
	if len(caps) == 0 {
		pick = firsts
	}
	if len(pick) == 0 {
		return "#"
	}
	out := strings.ToUpper(pick[0])
	if len(pick) > 1 && textWidth(out) == 1 {
		if second := strings.ToUpper(pick[1]); textWidth(second) == 1 {
			out += second
		}
	}
	if textWidth(out) > 2 || textWidth(out) == 0 {
		return "#"
	}
	return out
}

func (c *canvas) screenRow() {
	c.openFrame()
	c.spaces(c.t.screen, c.l.inner)
	c.closeFrame()
}

// openBubble starts a row inside the bubble; the first row carries the
// bubble's tail, at the top left as an incoming message's.
func (c *canvas) openBubble() {
	c.openFrame()
	if !c.tail {
		c.write(c.t.tail, "◥")
		c.tail = true
	} else {
		c.spaces(c.t.screen, marginL)
	}
	c.spaces(c.t.bubble, padX)
}

// closeBubble ends a bubble row whose content took used cells.
func (c *canvas) closeBubble(used int) {
	c.spaces(c.t.bubble, c.l.text-used+padX)
	c.spaces(c.t.screen, c.l.marginR)
	c.closeFrame()
}

func (c *canvas) bubbleRow() {
	c.openBubble()
	c.closeBubble(0)
}
