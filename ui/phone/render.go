package phone

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"crieur/message"
	"crieur/message/markup"
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

// image places rows drawn by ImageBlock, centred; rows wider than the
// bubble (drawn for another width) are cut.
func (c *canvas) image(rows []string) {
	for _, r := range rows {
		w := ansi.StringWidth(r)
		if w > c.l.text {
			r, w = ansi.Truncate(r, c.l.text, ""), c.l.text
		}
		left := (c.l.text - w) / 2
		c.openBubble()
		c.spaces(c.t.bubble, left)
		c.raw(r)
		c.closeBubble(left + w)
	}
}

// placeholder stands for an image that could not be drawn: a tinted box
// with the alt text, or words saying the image is missing.
//
// The camera (U+1F4F7) is drawn rather than the frame (U+1F5BC): the frame
// has no emoji presentation of its own, and terminals disagree on its width.
func (c *canvas) placeholder(alt string) {
	const icon = "📷 "
	caption := alt
	if caption == "" {
		caption = c.w.ImageMissing
	}
	rows := wrap([]run{{pen: c.t.placeholder, text: icon + caption}}, c.l.text-2)
	if len(rows) > 3 {
		rows = append(rows[:2], truncate(rows[2], c.l.text-2, run{pen: c.t.placeholder, text: "…", w: 1}))
	}
	c.cardRow(row{})
	for _, r := range rows {
		c.cardRowCentred(r)
	}
	c.cardRow(row{})
}

func (c *canvas) cardRow(r row) {
	c.openBubble()
	c.spaces(c.t.card, 1)
	c.runs(r)
	c.spaces(c.t.card, c.l.text-1-r.w)
	c.closeBubble(c.l.text)
}

func (c *canvas) cardRowCentred(r row) {
	left := (c.l.text - r.w) / 2
	c.openBubble()
	c.spaces(c.t.card, left)
	c.runs(r)
	c.spaces(c.t.card, c.l.text-left-r.w)
	c.closeBubble(c.l.text)
}

// card is the link preview: title, description and domain on a tinted box,
// at the top of the bubble as WhatsApp puts it.
func (c *canvas) card(cd message.Card) {
	width := c.l.text - 2
	lines := func(pen, s string, most int) []row {
		if s == "" {
			return nil
		}
		rows := wrap([]run{{pen: pen, text: s}}, width)
		if len(rows) > most {
			rows = append(rows[:most-1], truncate(rows[most-1], width, run{pen: pen, text: "…", w: 1}))
		}
		return rows
	}
	c.cardRow(row{})
	for _, r := range lines(c.t.cardTitle, SanitizeLine(cd.Title), 2) {
		c.cardRow(r)
	}
	for _, r := range lines(c.t.cardDescription, SanitizeLine(cd.Description), 2) {
		c.cardRow(r)
	}
	for _, r := range lines(c.t.cardDomain, SanitizeLine(cd.Domain), 1) {
		c.cardRow(r)
	}
	c.cardRow(row{})
}

// text lays out the message text: markup, "Read more" cut, block prefixes
// and wrapping to the bubble.
func (c *canvas) text(s string, expanded bool, readMore int) []row {
	if s == "" {
		return nil
	}
	lines := markup.Parse(s)
	if !expanded && readMore > 0 {
		lines = cutReadMore(lines, readMore, "… "+strings.ReplaceAll(c.w.ReadMore, " ", "\u00a0"))
	}
	var out []row
	var in []run
	for _, ln := range lines {
		first, rest := c.prefixes(ln)
		in = in[:0]
		if first.w > c.l.text/2 {
			// A prefix this wide would leave too little room beside it:
			// it starts the text instead of hanging.
			in = append(in, first)
			first, rest = run{}, run{}
		}
		for _, sp := range ln.Spans {
			in = append(in, run{pen: c.t.spanPen(sp), text: sp.Text})
		}
		for i, r := range wrap(in, c.l.text-first.w) {
			p := rest
			if i == 0 {
				p = first
			}
			if p.w > 0 {
				r.runs = append([]run{p}, r.runs...)
				r.w += p.w
			}
			out = append(out, r)
		}
	}
	return out
}

// prefixes are what a line of a block starts with, on its first row and on
// the rows it wraps to.
func (c *canvas) prefixes(ln markup.Line) (first, rest run) {
	switch ln.Kind {
	case markup.LineQuote:
		first = run{pen: c.t.quoteBar, text: "┃ ", w: 2}
		rest = first
	case markup.LineBullet:
		first = run{pen: c.t.marker, text: "• ", w: 2}
		rest = run{pen: c.t.bubble, text: "  ", w: 2}
	case markup.LineNumbered:
		n := strconv.Itoa(ln.Number) + ". "
		first = run{pen: c.t.marker, text: n, w: len(n)}
		rest = run{pen: c.t.bubble, text: blanks[:len(n)], w: len(n)}
	}
	return first, rest
}

// textRows draws the text and the time, which goes at the right of the
// last row when it fits there, as on a phone, or on a row of its own.
func (c *canvas) textRows(rows []row, clock string) {
	const gap = 2
	last := -1
	if n := len(rows); n > 0 && rows[n-1].w+gap+len(clock) <= c.l.text {
		last = n - 1
	}
	for i, r := range rows {
		c.openBubble()
		c.runs(r)
		if i == last {
			c.spaces(c.t.bubble, c.l.text-r.w-len(clock))
			c.write(c.t.time, clock)
			c.closeBubble(c.l.text)
			continue
		}
		c.closeBubble(r.w)
	}
	if last < 0 {
		c.openBubble()
		c.spaces(c.t.bubble, c.l.text-len(clock))
		c.write(c.t.time, clock)
		c.closeBubble(c.l.text)
	}
}

// reactions is the pill of reactions under the bubble. Before sending
// there are none to count: the count is a dash. The emoji all have an emoji
// presentation of their own (no VS16), so every terminal draws them two
// cells wide.
//
// Once published, the pill shows the three emoji most given and the total,
// and the views follow on a line of their own.
func (c *canvas) reactions(st *Stats) {
	emoji, count, views := " 👍💚🙏 ", "– ", ""
	if st != nil {
		emoji, total := " ", 0
		for i, r := range st.Reactions {
			total += max(r.Count, 0)
			if i < 3 {
				// The emoji come from the server: one grapheme each,
				// drawn safe.
				if e := SanitizeLine(r.Emoji); e != "" {
					g, _ := cluster(e)
					emoji += g
				}
			}
		}
		if emoji == " " {
			emoji = " 👍 "
		} else {
			emoji += " "
		}
		count = compact(total, c.w.Point, c.w.Thousand, c.w.Million, c.w.Billion) + " "
		views = compact(max(st.Views, 0), c.w.Point, c.w.Thousand, c.w.Million, c.w.Billion)
		line := c.w.Views
		if st.Views == 1 || (st.Views <= 0 && c.w.ZeroSingular) {
			line = c.w.View
		}
		if line != "" {
			views = strings.Replace(line, "%s", views, 1)
		}
		c.pill(emoji, count)
		c.openFrame()
		c.spaces(c.t.screen, marginL+padX)
		if textWidth(views) > c.l.inner-marginL-padX {
			views = ""
		}
		c.write(c.t.time, views)
		c.spaces(c.t.screen, c.l.inner-marginL-padX-textWidth(views))
		c.closeFrame()
		return
	}
	c.pill(emoji, count)
}

func (c *canvas) pill(emoji, count string) {
	w := textWidth(emoji) + textWidth(count)
	if w > c.l.inner-marginL-padX {
		emoji = " "
		w = textWidth(emoji) + textWidth(count)
	}
	c.openFrame()
	c.spaces(c.t.screen, marginL+padX)
	c.write(c.t.pill, emoji)
	c.write(c.t.pillCount, count)
	c.spaces(c.t.screen, max(c.l.inner-marginL-padX-w, 0))
	c.closeFrame()
}

// cutReadMore cuts a text longer than limit graphemes (counting a line
// break as one, and markers not at all: what the follower sees) at the
// last space before the limit, and ends it with label in link colour.
func cutReadMore(lines []markup.Line, limit int, label string) []markup.Line {
	total := 0
	for i, ln := range lines {
		if i > 0 {
			total++
		}
		total += lineGraphemes(ln)
		if total > limit {
			break
		}
	}
	if total <= limit {
		return lines
	}

	left := limit
	for i, ln := range lines {
		if i > 0 {
			left-- // the line break
			if left <= 0 {
				return withLabel(lines[:i], label)
			}
		}
		n := lineGraphemes(ln)
		if n <= left {
			left -= n
			continue
		}
		kept, whole := keepGraphemes(ln.Spans, left)
		if !whole && i > 0 {
			// No space to cut at on this line: end with the line before.
			return withLabel(lines[:i], label)
		}
		out := append(lines[:i:i], markup.Line{Kind: ln.Kind, Number: ln.Number, Spans: kept})
		return withLabel(out, label)
	}
	return lines
}

func lineGraphemes(ln markup.Line) int {
	n := 0
	for _, s := range ln.Spans {
		for t := s.Text; t != ""; n++ {
			c, _ := cluster(t)
			t = t[len(c):]
		}
	}
	return n
}

// keepGraphemes keeps the first n graphemes of spans, backed up to the
// last space when the cut falls inside a word, without trailing spaces.
// whole is false when the cut had to split a word, for want of a space
// before it.
func keepGraphemes(spans []markup.Span, n int) (kept []markup.Span, whole bool) {
	cutSpan, cutAt := len(spans), 0 // the cut: spans[cutSpan].Text[cutAt:] goes
	spaceSpan, spaceAt := -1, 0     // the last space before the cut
	for si, s := range spans {
		i := 0
		for i < len(s.Text) && n > 0 {
			c, _ := cluster(s.Text[i:])
			if c == " " {
				spaceSpan, spaceAt = si, i
			}
			i += len(c)
			n--
		}
		if n == 0 {
			cutSpan, cutAt = si, i
			break
		}
	}
	whole = true
	if inWord(spans, cutSpan, cutAt) {
		if spaceSpan >= 0 {
			cutSpan, cutAt = spaceSpan, spaceAt
		} else {
			whole = false
		}
	}
	out := make([]markup.Span, 0, cutSpan+1)
	out = append(out, spans[:cutSpan]...)
	if cutSpan < len(spans) && cutAt > 0 {
		s := spans[cutSpan]
		s.Text = s.Text[:cutAt]
		out = append(out, s)
	}
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.Text = strings.TrimRight(last.Text, " ")
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out, whole
}

// inWord says whether a cut at spans[si].Text[at:] may split a word: more
// text follows, and not after a space.
func inWord(spans []markup.Span, si, at int) bool {
	for ; si < len(spans); si, at = si+1, 0 {
		if rest := spans[si].Text[at:]; rest != "" {
			return rest[0] != ' '
		}
	}
	return false
}

func withLabel(lines []markup.Line, label string) []markup.Line {
	n := len(lines)
	if n == 0 {
		return []markup.Line{{Spans: []markup.Span{{Text: label, Link: true}}}}
	}
	last := lines[n-1]
	spans := append(last.Spans[:len(last.Spans):len(last.Spans)], markup.Span{Text: label, Link: true})
	out := append(lines[:n-1:n-1], markup.Line{Kind: last.Kind, Number: last.Number, Spans: spans})
	return out
}
