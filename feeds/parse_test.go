package feeds

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A city site's RSS as content management systems write it: CDATA around
// HTML, entities named and numeric, a double-escaped title, relative
// links, dates in RFC 822 with a named zone.
const cityRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Ville de Valbourg &#8211; Actualit&eacute;s</title>
  <atom:link href="https://www.valbourg.fr/actualites.rss" rel="self" type="application/rss+xml"/>
  <item>
    <title><![CDATA[Piscine : fermeture technique du 1<sup>er</sup> au 14 décembre]]></title>
    <link>https://www.valbourg.fr/piscine/?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">node-1204</guid>
    <pubDate>Tue, 01 Dec 2026 09:30:00 +0100</pubDate>
    <description><![CDATA[<p>La piscine <strong>ferme</strong> pour vidange.&nbsp;<a href="/piscine/horaires">Horaires</a></p><script>alert("x")</script><img src="/img/p.jpg" alt="bassin">]]></description>
  </item>
  <item>
    <title>March&amp;eacute; de No&#235;l &amp; patinoire</title>
    <link>/agenda/marche-noel</link>
    <pubDate>Mon, 30 Nov 2026 18:00:00 CET</pubDate>
    <description>Du 5 au 24 d&#233;cembre, place de l&#8217;H&ocirc;tel-de-Ville.</description>
  </item>
  <item>
    <title>Sans lien</title>
    <guid>https://www.valbourg.fr/travaux-rue-haute</guid>
    <dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2026-11-28T08:00:00+01:00</dc:date>
    <content:encoded><![CDATA[<ul><li>Rue Haute</li><li>Rue Basse</li></ul>]]></content:encoded>
  </item>
</channel>
</rss>`

func TestParseRSSWithCDATAAndEntities(t *testing.T) {
	f, err := Parse([]byte(cityRSS), mustURL(t, "https://www.valbourg.fr/actualites.rss"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Ville de Valbourg – Actualités" {
		t.Errorf("feed title %q", f.Title)
	}
	if len(f.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(f.Entries))
	}
	e := f.Entries[0]
	if e.Title != "Piscine : fermeture technique du 1 er au 14 décembre" && e.Title != "Piscine : fermeture technique du 1er au 14 décembre" {
		t.Errorf("title %q", e.Title)
	}
	if e.Link != "https://www.valbourg.fr/piscine/?utm_source=rss&utm_medium=feed" {
		t.Errorf("link %q", e.Link)
	}
	if e.ID != "node-1204" {
		t.Errorf("id %q", e.ID)
	}
	if want := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC); !e.Date.Equal(want) {
		t.Errorf("date %v, want %v", e.Date, want)
	}
	for _, want := range []string{"**ferme**", "[Horaires](https://www.valbourg.fr/piscine/horaires)"} {
		if !strings.Contains(e.Notes, want) {
			t.Errorf("notes %q lack %q", e.Notes, want)
		}
	}
	for _, banned := range []string{"alert", "script", "p.jpg", "bassin"} {
		if strings.Contains(e.Notes, banned) {
			t.Errorf("notes %q keep %q", e.Notes, banned)
		}
	}

	e = f.Entries[1]
	if e.Title != "Marché de Noël & patinoire" {
		t.Errorf("double-escaped title %q", e.Title)
	}
	if e.Link != "https://www.valbourg.fr/agenda/marche-noel" {
		t.Errorf("relative link %q", e.Link)
	}
	if e.Notes != "Du 5 au 24 décembre, place de l’Hôtel-de-Ville." {
		t.Errorf("notes %q", e.Notes)
	}
	if want := time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC); !e.Date.Equal(want) {
		t.Errorf("CET date %v, want %v", e.Date, want)
	}

	e = f.Entries[2]
	if e.Link != "https://www.valbourg.fr/travaux-rue-haute" {
		t.Errorf("link from a permalink guid %q", e.Link)
	}
	if !strings.Contains(e.Notes, "- Rue Haute") || !strings.Contains(e.Notes, "- Rue Basse") {
		t.Errorf("content:encoded as notes %q", e.Notes)
	}
	if e.Date.IsZero() {
		t.Error("dc:date not read")
	}
}

// The magazine's Atom feed: entries with several links (the page, the
// feed itself, an enclosure, a related page), xml:base, text constructs
// of each type.
const magazineAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://mag.valbourg.fr/numeros/">
  <title type="text">Valbourg Mag</title>
  <link rel="self" href="https://mag.valbourg.fr/atom.xml"/>
  <entry>
    <id>tag:mag.valbourg.fr,2026:42</id>
    <title type="html">Le &lt;em&gt;nouveau&lt;/em&gt; parc &amp;amp; ses jardins</title>
    <link rel="self" href="https://mag.valbourg.fr/api/42"/>
    <link rel="enclosure" type="image/jpeg" href="https://mag.valbourg.fr/img/42.jpg"/>
    <link rel="related" href="https://www.valbourg.fr/parcs"/>
    <link rel="alternate" type="application/pdf" href="42.pdf"/>
    <link rel="alternate" type="text/html" href="42-le-parc#haut"/>
    <published>2026-12-02T10:00:00+01:00</published>
    <updated>2026-12-03T10:00:00+01:00</updated>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Un <b>parc</b> de 3&#160;hectares.</p></div></summary>
  </entry>
  <entry>
    <id>tag:mag.valbourg.fr,2026:43</id>
    <title>1 &lt; 2 &amp; la *rentrée*</title>
    <link href="https://mag.valbourg.fr/43"/>
    <updated>2026-12-01T10:00:00Z</updated>
    <content type="text">Texte &lt;b&gt;brut&lt;/b&gt;.</content>
  </entry>
</feed>`

func TestParseAtomWithSeveralLinks(t *testing.T) {
	f, err := Parse([]byte(magazineAtom), mustURL(t, "https://mag.valbourg.fr/atom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Valbourg Mag" || len(f.Entries) != 2 {
		t.Fatalf("feed %q with %d entries", f.Title, len(f.Entries))
	}
	e := f.Entries[0]
	if e.Link != "https://mag.valbourg.fr/numeros/42-le-parc#haut" {
		t.Errorf("the HTML alternate, against xml:base: %q", e.Link)
	}
	if e.Title != "Le nouveau parc & ses jardins" {
		t.Errorf("html title %q", e.Title)
	}
	if want := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC); !e.Date.Equal(want) {
		t.Errorf("published %v, want %v", e.Date, want)
	}
	if !strings.Contains(e.Notes, "**parc**") {
		t.Errorf("xhtml summary %q", e.Notes)
	}
	e = f.Entries[1]
	if e.Title != "1 < 2 & la *rentrée*" {
		t.Errorf("text title %q", e.Title)
	}
	if e.Link != "https://mag.valbourg.fr/43" {
		t.Errorf("link without rel %q", e.Link)
	}
	if !strings.Contains(e.Notes, "<b>brut</b>") && !strings.Contains(e.Notes, `\<b>brut\</b>`) && !strings.Contains(e.Notes, "brut") {
		t.Errorf("text content %q", e.Notes)
	}
	if strings.Contains(e.Notes, "**brut**") {
		t.Errorf("text content read as HTML: %q", e.Notes)
	}
}

func TestParseBOMAndCharsets(t *testing.T) {
	withBOM := append([]byte{0xEF, 0xBB, 0xBF}, cityRSS...)
	f, err := Parse(withBOM, nil)
	if err != nil || len(f.Entries) != 3 {
		t.Fatalf("UTF-8 BOM: %v, %d entries", err, len(f.Entries))
	}

	// UTF-16 with its mark, as some Windows tools write.
	var utf16 []byte
	utf16 = append(utf16, 0xFF, 0xFE)
	for _, r := range `<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Été</title><item><title>Fête</title><link>https://www.valbourg.fr/fete</link></item></channel></rss>` {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	f, err = Parse(utf16, nil)
	if err != nil || len(f.Entries) != 1 || f.Entries[0].Title != "Fête" || f.Title != "Été" {
		t.Fatalf("UTF-16: %v, %+v", err, f)
	}

	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>F\xeate</title></item></channel></rss>")
	f, err = Parse(latin1, nil)
	if err != nil || len(f.Entries) != 1 || f.Entries[0].Title != "Fête" {
		t.Fatalf("Latin-1: %v, %+v", err, f)
	}
}

func TestParseRefusesWhatIsNotAFeed(t *testing.T) {
	for _, tt := range []struct {
		name, doc string
		want      error
	}{
		{"an HTML page", "<!DOCTYPE html>\n<html><head><title>Valbourg</title></head><body><p>Bienvenue<br></body></html>", ErrHTML},
		{"HTML without doctype", "<html lang=fr><body>Erreur", ErrHTML},
		{"an XHTML page", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, ErrHTML},
		{"other XML", `<?xml version="1.0"?><sitemap><url/></sitemap>`, ErrNotFeed},
		{"JSON", `{"items": []}`, ErrNotXML},
		{"nothing", "", ErrNotXML},
		{"plain text", "Service indisponible", ErrNotXML},
	} {
		_, err := Parse([]byte(tt.doc), nil)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestTextIsSafeForTheTerminal(t *testing.T) {
	doc := "<rss><channel><item><title>Alerte \x1b[2J\x1b]0;pwn\x07 \u202Eevil\u202C\u2066x\u2069 fin</title>" +
		"<link>https://www.valbourg.fr/a\x1b[31m</link>" +
		"<description>Ligne\u2028deux\r\ntrois\x00\u009b31m \xff\xfe</description></item></channel></rss>"
	f, err := Parse([]byte(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	e := f.Entries[0]
	for _, s := range []string{e.Title, e.Notes, e.Link, e.ID} {
		for _, r := range s {
			if (unicode.IsControl(r) && r != '\n') || bidiControl(r) {
				t.Errorf("%q keeps %U", s, r)
			}
		}
	}
	if e.Link != "" && !strings.HasPrefix(e.Link, "https://www.valbourg.fr/a") {
		t.Errorf("link %q", e.Link)
	}
	if !strings.Contains(e.Title, "Alerte") || !strings.Contains(e.Title, "fin") {
		t.Errorf("title %q lost its text", e.Title)
	}
}

func TestMarkdownDropsWhatIsNotText(t *testing.T) {
	md := Markdown(`<p><a href="javascript:alert(1)">clic</a> <a href="data:text/html,x">d</a> <a href="https://www.valbourg.fr/x">ok</a></p><iframe src="https://evil"></iframe><style>p{}</style>`, nil)
	for _, banned := range []string{"javascript", "data:", "evil", "p{}"} {
		if strings.Contains(md, banned) {
			t.Errorf("%q keeps %q", md, banned)
		}
	}
	if !strings.Contains(md, "clic") || !strings.Contains(md, "[ok](https://www.valbourg.fr/x)") {
		t.Errorf("%q lost the text or the web link", md)
	}
	long := Markdown("<p>"+strings.Repeat("mot ", 3000)+"</p>", nil)
	if len(long) > maxNotes || !strings.HasSuffix(long, "…") {
		t.Errorf("a long summary is %d bytes, ends %q", len(long), long[len(long)-10:])
	}
}

func TestParseDates(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"Tue, 01 Dec 2026 09:30:00 +0100", time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)},
		{"Tue, 1 Dec 2026 09:30:00 GMT", time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)},
		{"Tue, 01 Dec 2026 09:30 CEST", time.Date(2026, 12, 1, 7, 30, 0, 0, time.UTC)},
		{"2026-12-01T09:30:00Z", time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)},
		{"2026-12-01", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"  Tue,  01 Dec 2026  09:30:00 +0100 ", time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)},
		{"mardi 1er décembre", time.Time{}},
		{"Thu, 01 Jan 1970 00:00:00 +0000", time.Time{}},
	} {
		if got := parseDate(tt.in); !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
