package phone

// What the bubble holds: the picture, the link card, the text with its
// quotes and lists, the time, and once published the reactions.

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"crieur/message"
	"crieur/message/markup"
)

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
