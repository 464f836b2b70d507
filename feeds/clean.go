package feeds

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
)

// maxNotes is how much of an entry's summary becomes the idea's notes,
// in bytes: a summary, not the whole article.
const maxNotes = 4000

// Clean makes text from a feed safe to keep and to draw in a terminal:
// valid UTF-8, no control characters but newlines (escape sequences lose
// their ESC and stay as harmless text), no bidirectional overrides that
// would make a line read otherwise than it is stored, line separators as
// newlines, at most max bytes (cut at a character). Tabs become spaces.
func Clean(s string, max int) string {
	var b strings.Builder
	b.Grow(min(len(s), max))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\n':
		case r == '\t':
			r = ' '
		case r == '\u2028', r == '\u2029', r == '\r':
			r = '\n'
		case unicode.IsControl(r), bidiControl(r), r == '\uFEFF':
			continue
		}
		if b.Len()+utf8.RuneLen(r) > max {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bidiControl reports the characters that reorder text on screen: the
// embeddings, overrides and isolates (the marks stay, they are harmless).
func bidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// plainText reads an HTML fragment as the text it shows, on one line:
// tags dropped, entities decoded, runs of spaces as one.
func plainText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return strings.Join(strings.Fields(fragment), " ")
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); hidden(string(name)) {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); hidden(string(name)) && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		}
	}
}

// hidden names the elements whose text is not shown.
func hidden(tag string) bool {
	switch tag {
	case "script", "style", "template", "noscript", "iframe", "object":
		return true
	}
	return false
}

// blankLines finds runs of blank lines, kept to one.
var blankLines = regexp.MustCompile(`\n{3,}`)

// Markdown turns an entry's HTML summary into Markdown notes: paragraphs,
// emphasis, lists and links kept (relative links made absolute against
// base; links that are not web addresses keep only their text), scripts
// and styles dropped, pictures left out (the notes are text), the whole
// made safe by Clean and cut to maxNotes. A summary that is plain text
// comes out as it was, its Markdown characters escaped.
func Markdown(summary string, base *url.URL) string {
	summary = strings.TrimSpace(summary)
	if summary == "" {
		return ""
	}
	doc, err := html.Parse(strings.NewReader(summary))
	if err != nil {
		return Clean(plainText(summary), maxNotes)
	}
	tidy(doc, base)
	opts := []converter.ConvertOptionFunc{}
	if base != nil {
		opts = append(opts, converter.WithDomain(base.String()))
	}
	md, err := htmltomarkdown.ConvertNode(doc, opts...)
	if err != nil {
		return Clean(plainText(summary), maxNotes)
	}
	out := strings.TrimSpace(Clean(string(md), maxNotes*2))
	out = blankLines.ReplaceAllString(strings.ReplaceAll(out, "\u00a0\n", "\n"), "\n\n")
	return cut(out, maxNotes)
}

// tidy takes out of the parsed summary what the notes must not carry:
// hidden elements, pictures and frames, and links to anything but a web
// page (javascript:, data:, file:), which keep their text.
func tidy(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch c.Data {
			case "img", "picture", "video", "audio", "svg", "source", "embed", "form", "input", "button":
				n.RemoveChild(c)
				c = next
				continue
			}
			if hidden(c.Data) {
				n.RemoveChild(c)
				c = next
				continue
			}
			if c.Data == "a" {
				keep := false
				for i, a := range c.Attr {
					if a.Key == "href" {
						if abs := absolute(a.Val, base); abs != "" {
							c.Attr[i].Val, keep = abs, true
						}
					}
				}
				if !keep {
					c.Attr = nil
				}
			}
			tidy(c, base)
		}
		c = next
	}
}

// cut shortens Markdown to at most max bytes at a line or word boundary,
// with an ellipsis.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = strings.ToValidUTF8(s[:max-len("…")], "")
	if i := strings.LastIndexAny(s, "\n "); i > max/2 {
		s = s[:i]
	}
	return strings.TrimSpace(s) + "…"
}
