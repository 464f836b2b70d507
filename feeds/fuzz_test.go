package feeds

import (
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParse feeds the parser what strangers' servers may send: it never
// panics, and whatever it returns is safe to keep and to draw.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		cityRSS, magazineAtom,
		"\xEF\xBB\xBF" + cityRSS,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item rdf:about="https://www.valbourg.fr/r"><title>R1</title></item></rdf:RDF>`,
		"<!DOCTYPE html><html><body>x</body></html>",
		`<rss><channel><item><title>&nbsp;&eacute;&#x1F600;&#0;&#xD800;</title><link>javascript:alert(1)</link><description><![CDATA[<a href="data:x">y</a>]]></description></item></channel></rss>`,
		`<feed><entry><title type="xhtml"><div>a<b>b</b></div></title><link href="//evil/x"/><summary type="html">&lt;script&gt;x&lt;/script&gt;</summary></entry></feed>`,
	} {
		f.Add([]byte(seed))
	}
	base, _ := url.Parse("https://www.valbourg.fr/actualites.rss")
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, base)
		if err != nil {
			if feed.Title != "" || len(feed.Entries) != 0 {
				t.Fatalf("an error with a feed: %v", err)
			}
			return
		}
		if len(feed.Entries) > maxEntries {
			t.Fatalf("%d entries", len(feed.Entries))
		}
		check := func(what, s string, newlines bool) {
			if !utf8.ValidString(s) {
				t.Fatalf("%s %q is not UTF-8", what, s)
			}
			for _, r := range s {
				if (unicode.IsControl(r) && !(newlines && r == '\n')) || bidiControl(r) {
					t.Fatalf("%s %q holds %U", what, s, r)
				}
			}
		}
		check("feed title", feed.Title, false)
		for _, e := range feed.Entries {
			check("title", e.Title, false)
			check("id", e.ID, true)
			check("notes", e.Notes, true)
			check("link", e.Link, false)
			if len(e.Notes) > maxNotes {
				t.Fatalf("notes of %d bytes", len(e.Notes))
			}
			if e.Link != "" {
				u, err := url.Parse(e.Link)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(e.Link, " \n") {
					t.Fatalf("link %q", e.Link)
				}
			}
			_ = Idea(e)
		}
	})
}
