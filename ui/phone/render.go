package phone

import (
	"fmt"
	"strings"
	"time"

	"crieur/message"
)

// Options shape one preview.
type Options struct {
	Width     int            // of the whole frame, in cells: 0 is DefaultWidth, less than MinWidth is MinWidth
	Dark      bool           // the phone's theme, not the terminal's
	Expanded  bool           // "Read more" was pressed: show the whole text
	ReadMore  int            // graphemes shown before "Read more"; 0 never cuts
	Channel   string         // channel name
	Followers int            // follower count
	Time      time.Time      // when the message is (or was) sent
	Loc       *time.Location // where the time is shown; nil is Time's own location
	Words     Words          // the phone's own words, in the follower's language
	// ImageRows is the message's image as ImageBlock drew it at
	// ImageWidth(Width). Callers decode once and keep the rows: Render does
	// no file I/O. When the message has an image and ImageRows is empty
	// (or holds anything but what ImageBlock draws), Render draws a
	// placeholder with the alt text.
	ImageRows []string
	// Stats are a published message's views and reactions; nil before
	// it is sent, when the pill shows a dash.
	Stats *Stats
}

// Stats are what followers did with a published message.
type Stats struct {
	Views     int
	Reactions []Reaction // most given first
}

// Reaction is one emoji and how many followers gave it.
type Reaction struct {
	Emoji string
	Count int
}

// key is the stats as one comparable value, for the cache.
func (s *Stats) key() string {
	if s == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d", s.Views)
	for _, r := range s.Reactions {
		fmt.Fprintf(&b, "\x00%s\x00%d", r.Emoji, r.Count)
	}
	return b.String()
}

// Widths of the frame, in cells.
const (
	DefaultWidth = 38
	MinWidth     = 20
)

func (o Options) normalized() Options {
	if o.Width <= 0 {
		o.Width = DefaultWidth
	}
	o.Width = max(o.Width, MinWidth)
	if o.Loc == nil {
		o.Loc = o.Time.Location()
	}
	return o
}

// layout is where things go across a frame of a given width.
//
//	│ ◥ [pad text pad] margin │
type layout struct {
	width   int // the whole frame
	inner   int // between the frame's edges
	marginR int // screen right of the bubble (an incoming bubble leaves room)
	text    int // text inside the bubble
}

const (
	marginL = 1 // screen left of the bubble, where its tail goes
	padX    = 1 // bubble padding on each side
)

func newLayout(width int) layout {
	inner := width - 2
	marginR := max(1, inner/10)
	return layout{
		width:   width,
		inner:   inner,
		marginR: marginR,
		text:    inner - marginL - marginR - 2*padX,
	}
}

// ImageWidth is the width in cells at which to decode the image of a
// preview drawn at width (see ImageBlock).
func ImageWidth(width int) int {
	return newLayout(Options{Width: width}.normalized().Width).text
}

// Render draws the phone preview of an outgoing message. Every line of the
// result is exactly the frame's width in cells (ansi.StringWidth); lines
// are joined by "\n" with no final newline. Every field of the message and
// the channel name go through Sanitize first, so nothing in them can reach
// the terminal as a control sequence.
func Render(m message.Message, o Options) string {
	o = o.normalized()
	c := canvas{t: themeFor(o.Dark), l: newLayout(o.Width), w: o.Words}
	size := 4096 + 16*len(m.Text) + 64*len(o.ImageRows)
	for _, r := range o.ImageRows {
		size += len(r)
	}
	c.b.Grow(size)

	clock := o.Time.In(o.Loc).Format("15:04")
	c.edgeRow("╭", "─", "╮")
	c.statusBar(clock)
	c.header(SanitizeLine(o.Channel), o.Followers)
	c.screenRow()

	hasCard := m.Card.Title != "" || m.Card.Description != "" || m.Card.Domain != ""
	if m.Image != "" {
		if len(o.ImageRows) > 0 && halfBlockRows(o.ImageRows) {
			c.image(o.ImageRows)
		} else {
			c.placeholder(SanitizeLine(m.Alt))
		}
		if !hasCard {
			c.bubbleRow()
		}
	}
	if hasCard {
		c.card(m.Card)
	}
	rows := c.text(Sanitize(m.Text), o.Expanded, o.ReadMore)
	c.textRows(rows, clock)

	c.reactions(o.Stats)
	c.screenRow()
	c.edgeRow("╰", "─", "╯")
	return c.b.String()
}
