// Package feeds brings topics to the editorial meeting: it reads the RSS
// and Atom feeds of the settings (the city's site, its magazine), turns
// each entry into an idea (its title, its link, its summary as Markdown
// notes, its date, the feed's name as its source) and adds the new ones
// to the store, skipping any whose page is already on a post.
//
// Whatever a feed holds is outside input: the parser never panics, every
// text is made safe for the terminal, and a fetch is bounded in time, in
// size and in redirects.
package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Errors of a feed that could be read but is not a feed.
var (
	ErrNotXML  = errors.New("not XML")
	ErrHTML    = errors.New("a web page, not a feed")
	ErrNotFeed = errors.New("XML, but neither RSS nor Atom")
)

// Entry is one entry of a feed, its text already clean (see Clean).
type Entry struct {
	ID    string    // the entry's own id (RSS guid, Atom id), or ""
	Title string    // plain text, on one line
	Link  string    // an absolute http(s) address, or ""
	Notes string    // the summary, as Markdown
	Date  time.Time // published (or updated); zero when the feed gives none
}

// Feed is what a feed held.
type Feed struct {
	Title   string
	Entries []Entry
}

// maxEntries is how many entries of a feed are taken, newest first as
// feeds list them: a feed of ten thousand entries is not an agenda.
const maxEntries = 200

// Parse reads an RSS (0.9x, 1.0, 2.0) or Atom feed. base is where the
// feed was read from, against which relative links are resolved (nil
// when unknown). Anything else is an error that says what it was.
func Parse(data []byte, base *url.URL) (f Feed, err error) {
	defer func() {
		// encoding/xml does not panic on bad input; this is the last
		// guard of a parser fed by strangers.
		if r := recover(); r != nil {
			f, err = Feed{}, fmt.Errorf("%w (%v)", ErrNotXML, r)
		}
	}()
	data = validUTF8(withoutControls(decodeBOM(data)))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	for {
		tok, err := d.Token()
		if err != nil {
			if looksLikeHTML(data) {
				return Feed{}, ErrHTML
			}
			return Feed{}, fmt.Errorf("%w: %v", ErrNotXML, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(start.Name.Local) {
		case "rss":
			var doc rssDoc
			if err := d.DecodeElement(&doc, &start); err != nil {
				return Feed{}, fmt.Errorf("%w: %v", ErrNotXML, err)
			}
			return doc.Channel.feed(doc.Channel.Items, base), nil
		case "rdf":
			var doc rdfDoc
			if err := d.DecodeElement(&doc, &start); err != nil {
				return Feed{}, fmt.Errorf("%w: %v", ErrNotXML, err)
			}
			return doc.Channel.feed(doc.Items, base), nil
		case "feed":
			var doc atomFeed
			if err := d.DecodeElement(&doc, &start); err != nil {
				return Feed{}, fmt.Errorf("%w: %v", ErrNotXML, err)
			}
			return doc.feed(base, start), nil
		case "html":
			return Feed{}, ErrHTML
		default:
			return Feed{}, fmt.Errorf("%w (its root is <%s>)", ErrNotFeed, Clean(start.Name.Local, 40))
		}
	}
}

// decodeBOM drops a UTF-8 byte order mark and turns UTF-16 with a mark
// into UTF-8, whose XML declaration then no longer tells the truth: it
// is dropped too.
func decodeBOM(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), data)
		if err != nil {
			return data
		}
		if bytes.HasPrefix(out, []byte("<?xml")) {
			if end := bytes.Index(out, []byte("?>")); end > 0 {
				out = out[end+2:]
			}
		}
		return out
	}
	return data
}

// withoutControls drops the control bytes XML forbids (all below space
// but tab, newline and carriage return), which broken publishing tools
// leave in feeds and which would stop the parser at the first one. Such
// bytes never occur inside a multi-byte UTF-8 character.
func withoutControls(data []byte) []byte {
	bad := func(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }
	if bytes.IndexFunc(data, func(r rune) bool { return r < 0x20 && bad(byte(r)) }) < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for _, c := range data {
		if !bad(c) {
			out = append(out, c)
		}
	}
	return out
}

// declaredEncoding finds the encoding an XML declaration names.
var declaredEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']`)

// validUTF8 replaces the bytes that are not UTF-8 in a document that says
// it is (or says nothing, which means UTF-8), as a browser would, rather
// than refusing the whole feed for one bad byte.
func validUTF8(data []byte) []byte {
	if m := declaredEncoding.FindSubmatch(data[:min(len(data), 256)]); m != nil {
		if enc := strings.ToLower(string(m[1])); enc != "utf-8" && enc != "utf8" {
			return data
		}
	}
	if utf8.Valid(data) {
		return data
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}

// looksLikeHTML reports whether a document that is not XML starts as a
// web page does: an error page or a site's home instead of its feed.
func looksLikeHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 1024)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body"))
}

// RSS 2.0 (and 0.9x): a channel with items.
type rssDoc struct {
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title string    `xml:"title"`
	Items []rssItem `xml:"item"`
}

// RSS 1.0 (RDF): the items are beside the channel, not in it.
type rdfDoc struct {
	Channel rssChannel `xml:"channel"`
	Items   []rssItem  `xml:"item"`
}

type rssItem struct {
	Title       string    `xml:"title"`
	Links       []rssLink `xml:"link"`
	GUID        rssGUID   `xml:"guid"`
	About       string    `xml:"about,attr"`
	Description string    `xml:"description"`
	Content     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string    `xml:"pubDate"`
	Date        string    `xml:"http://purl.org/dc/elements/1.1/ date"`
}

// rssLink is an item's <link>: its text in RSS, or an href when a feed
// mixes in Atom's link element.
type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Text string `xml:",chardata"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Text        string `xml:",chardata"`
}

func (c rssChannel) feed(items []rssItem, base *url.URL) Feed {
	f := Feed{Title: Clean(plainText(c.Title), 200)}
	for _, it := range items {
		if len(f.Entries) == maxEntries {
			break
		}
		var link string
		for _, l := range it.Links {
			if t := strings.TrimSpace(l.Text); t != "" {
				link = t
				break
			}
			if l.Href != "" && (l.Rel == "" || l.Rel == "alternate") && link == "" {
				link = l.Href
			}
		}
		guid := strings.TrimSpace(it.GUID.Text)
		if link == "" && guid != "" && !strings.EqualFold(it.GUID.IsPermaLink, "false") {
			link = guid
		}
		if link == "" {
			link = it.About
		}
		summary := it.Description
		if strings.TrimSpace(summary) == "" {
			summary = it.Content
		}
		date := parseDate(it.PubDate)
		if date.IsZero() {
			date = parseDate(it.Date)
		}
		f.Entries = append(f.Entries, entry(guid, it.Title, link, summary, date, base))
	}
	return f
}

// Atom: a feed of entries, each with its links told apart by rel.
type atomFeed struct {
	Title   atomText    `xml:"title"`
	Base    string      `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
	Entries []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",innerxml"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Links     []atomLink `xml:"link"`
	Summary   atomText   `xml:"summary"`
	Content   atomText   `xml:"content"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Base      string     `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

func (a atomFeed) feed(base *url.URL, _ xml.StartElement) Feed {
	base = rebase(base, a.Base)
	f := Feed{Title: Clean(plainText(a.Title.text()), 200)}
	for _, e := range a.Entries {
		if len(f.Entries) == maxEntries {
			break
		}
		summary := e.Summary.text()
		if strings.TrimSpace(summary) == "" {
			summary = e.Content.text()
		}
		date := parseDate(e.Published)
		if date.IsZero() {
			date = parseDate(e.Updated)
		}
		f.Entries = append(f.Entries, entry(strings.TrimSpace(e.ID), e.Title.text(), e.link(), summary, date, rebase(base, e.Base)))
	}
	return f
}

// link picks the page an Atom entry is about: the alternate link (a
// link without rel is one), an HTML one first; never the feed itself,
// an enclosure or a related page.
func (e atomEntry) link() string {
	best, bestScore := "", 0
	for _, l := range e.Links {
		score := 0
		switch strings.ToLower(strings.TrimSpace(l.Rel)) {
		case "", "alternate":
			score = 2
			if t := strings.ToLower(l.Type); t == "" || strings.Contains(t, "html") {
				score = 3
			}
		}
		if score > bestScore && strings.TrimSpace(l.Href) != "" {
			best, bestScore = l.Href, score
		}
	}
	return best
}

// text is an Atom text construct as HTML: type "text" (the default) is
// escaped, so that it reads as it stands through the HTML converter;
// "html" is HTML escaped once more inside the XML, unescaped here;
// "xhtml" is markup as it stands.
func (t atomText) text() string {
	switch strings.ToLower(strings.TrimSpace(t.Type)) {
	case "xhtml":
		return t.Body
	case "html", "text/html":
		return xmlText(t.Body)
	default:
		return html.EscapeString(xmlText(t.Body))
	}
}

// xmlText reads the character data of an XML fragment: entities and
// CDATA sections decoded, any markup dropped.
func xmlText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return fragment
	}
	d := xml.NewDecoder(strings.NewReader(fragment))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String()
}

// rebase resolves an xml:base against the base it sits in.
func rebase(base *url.URL, xmlBase string) *url.URL {
	xmlBase = strings.TrimSpace(xmlBase)
	if xmlBase == "" {
		return base
	}
	u, err := url.Parse(xmlBase)
	if err != nil {
		return base
	}
	if base != nil {
		return base.ResolveReference(u)
	}
	if u.IsAbs() {
		return u
	}
	return nil
}

// entry cleans one entry's fields.
func entry(id, title, link, summary string, date time.Time, base *url.URL) Entry {
	return Entry{
		ID:    Clean(id, 500),
		Title: Clean(plainText(title), 300),
		Link:  absolute(link, base),
		Notes: Markdown(summary, base),
		Date:  date,
	}
}

// absolute resolves a link against base and keeps it only if it is an
// http(s) address.
func absolute(link string, base *url.URL) string {
	link = strings.TrimSpace(link)
	if link == "" || strings.ContainsAny(link, " \t\r\n") {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	out := u.String()
	if Clean(out, len(out)) != out {
		return ""
	}
	return out
}

// dateLayouts are the dates feeds write: RFC 822 and its variants in
// RSS, RFC 3339 in Atom and Dublin Core, and what sites get wrong.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339Nano, time.RFC3339,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST", "2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 06 15:04:05 -0700", "Mon, 02 Jan 06 15:04:05 MST", "Mon, 2 January 2006 15:04:05 -0700",
	"2006-01-02T15:04:05", "2006-01-02T15:04:05-0700", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05",
	"2006-01-02",
}

// parseDate reads a feed's date; one it cannot read is zero.
func parseDate(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}
	}
	// Named zones Go does not know read as UTC at that name: take the
	// common European ones at their offset.
	for name, offset := range map[string]string{" CET": " +0100", " CEST": " +0200", " UT": " +0000", " Z": " +0000"} {
		if strings.HasSuffix(s, name) {
			s = strings.TrimSuffix(s, name) + offset
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2200 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}

// readAll reads at most limit bytes of r; more is an error.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, limit)
	}
	return data, nil
}
