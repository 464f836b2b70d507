// Package message is the outgoing message: what a post becomes once it
// leaves the desk, the seal that binds a validation to it, and the checks
// run on it before validation.
//
// The Message built here is the canonical form of what leaves the desk: the
// phone preview draws it, validation records its seal, and the back-ends
// send it. Nothing downstream re-derives the text from the post.
//
// The package knows neither the data file nor the back-ends: it takes the
// fields of a post that reach followers (Post) and the channel's rules
// (Rules), which its callers read from their own records.
package message

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"net/url"
	"strings"
)

// Post is what a message is made of: the fields of a post that reach
// followers, or that the checks read.
type Post struct {
	// Title is the post's internal title: never part of the message,
	// only the checks read it.
	Title    string
	Body     string // in WhatsApp markup
	Link     string
	Category string
	Image    string // the picture's file as the person named it; empty when there is none
	Alt      string
	// Picture is what the desk took from Image when the post was saved;
	// nil when it has taken nothing from it yet.
	Picture *Picture
	// Page is what the link's page said of itself when it was read for
	// this very link; nil when it was never read, or read for another.
	Page *Page
	// Week is the ISO week the post goes out in ("2026-W50"), which the
	// tracking parameters may name; "" while it has no slot.
	Week string
}

// Page is a link's page as it describes itself (OpenGraph), with the HTTP
// status it answered.
type Page struct {
	Title       string
	Description string
	Image       string // the page's image address
	// ThumbSum is the SHA-256 of the thumbnail made from Image when the
	// page was read.
	ThumbSum string
	Status   int
}

// Picture is the picture the desk took into the data file from a post's
// image field, when the post was saved.
type Picture struct {
	Sum     string // SHA-256 of the bytes kept; "" when none could be taken
	Problem string // why none could be taken: a code of package picture
}

// NoPicture is the ImageSum of a message whose image field names a file
// the desk holds no picture from: what the seal covered, before pictures
// were kept, for a file that could not be read.
const NoPicture = "unreadable"

// Rules are the channel's settings that shape the outgoing message and
// what the checks accept.
type Rules struct {
	// LinkRule says where the link goes in the text: LinkAppend, or
	// anything else to leave the body as it is.
	LinkRule string
	// AllowedDomains are the domains (and their subdomains) a link may
	// point to; none means any.
	AllowedDomains []string
	// ReadMore is how many characters a follower sees before "Read
	// more"; 0 means no cut.
	ReadMore int
	// Tracking are the query parameters added to links of the allowed
	// domains, as "utm_source=whatsapp&utm_campaign={week}"; "" for none.
	Tracking string
}

// Message is one outgoing message, with the text exactly as it will be sent.
type Message struct {
	Text  string // body, plus the link when the channel's rule appends it
	Link  string // the page the card points to; may also appear in Text
	Card  Card   // the link preview followers see
	Image string // the picture's file as the person named it; empty when there is none
	Alt   string // what the image shows
	// ImageSum is the SHA-256 of the picture's bytes as the data file
	// keeps them (NoPicture when it keeps none), filled by Sealed: another
	// picture behind the same name is another message.
	ImageSum string
}

// Card is the link preview under (or above) the text. Offline, before the
// page was read, it has only the link's domain; reading the page's
// OpenGraph tags fills the title and description. The post's internal
// title is never part of it.
type Card struct {
	Title       string
	Description string
	Domain      string // host of the link, without "www."
	Image       string // the card's thumbnail, once known
	// ThumbSum is the SHA-256 of the thumbnail made from Image when the
	// card was fetched (Page.ThumbSum): the back-ends that draw the
	// card themselves send those bytes, and the seal covers them.
	ThumbSum string
}

// LinkAppend is the link rule that puts the link at the end of the text.
const LinkAppend = "append"

// Build makes the outgoing message of a post under the channel's rules.
//
// Line endings become "\n" and trailing blanks go, so that a body saved on
// another system, or with a stray final newline, sends (and hashes) the same.
// With the "append" rule the link goes on its own line after an empty one,
// unless the body already contains it: followers should see it once. With
// tracking parameters, the link to an allowed domain carries them, in the
// card and wherever the text has it.
func Build(p Post, r Rules) Message {
	body := strings.TrimRight(normalizeNewlines(p.Body), " \t\n")
	link := strings.TrimSpace(normalizeNewlines(p.Link))
	if tracked := Tracked(link, r, p.Week); tracked != link {
		body, link = replaceLink(body, link, tracked), tracked
	}

	text := body
	if r.LinkRule == LinkAppend && link != "" && !strings.Contains(body, link) {
		if text == "" {
			text = link
		} else {
			text += "\n\n" + link
		}
	}

	m := Message{
		Text:  text,
		Link:  link,
		Image: strings.TrimSpace(p.Image),
		Alt:   strings.TrimSpace(normalizeNewlines(p.Alt)),
	}
	if link != "" {
		// Until the page has been read the card shows the link's domain,
		// as WhatsApp does for a link it knows nothing of; then what the
		// page says of itself. The post's title is the desk's own.
		m.Card = Card{Domain: Domain(link)}
		if c := p.Page; c != nil && c.Status < 400 && c.Title != "" {
			m.Card.Title, m.Card.Description, m.Card.Image = c.Title, c.Description, c.Image
			m.Card.ThumbSum = c.ThumbSum
		}
	}
	return m
}

// Domain returns the host a link points to, lower-cased and without a
// leading "www.", as the card shows it. A link typed without a scheme
// ("valbourg.fr/marche") still yields its host; a link with no host yields "".
func Domain(link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	if !strings.Contains(link, "://") {
		link = "https://" + link
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(host, "www.")
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// hashVersion starts every hashed encoding, so that a later change of the
// encoding can never collide with a hash recorded by this one.
const hashVersion = "crieur/message/v1"

// Hash is the hex SHA-256 of everything that would be sent. Validation
// records it and the send checks it again: any change to what followers
// would receive, however small, gives another hash.
//
// Each field is written as its length (8 bytes, big-endian) followed by its
// bytes, in a fixed order, so that moving text from one field to the next
// ("ab"+"c" against "a"+"bc") cannot give the same input to the hash.
func (m Message) Hash() string {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		io.WriteString(h, s)
	}
	field(hashVersion)
	field(m.Text)
	field(m.Link)
	field(m.Card.Title)
	field(m.Card.Description)
	field(m.Card.Domain)
	field(m.Card.Image)
	field(m.Image)
	field(m.Alt)
	field(m.ImageSum)
	// Written only when there is one, so that the hashes of messages
	// without a thumbnail, validated before it existed, still hold.
	if m.Card.ThumbSum != "" {
		field(m.Card.ThumbSum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TextSum is the hex SHA-256 of the text exactly as it is sent: the bytes
// of the copy-and-paste outbox file, so that anyone can check the text
// that went out against the fingerprint the desk showed at validation
// (sha256sum). The seal (Hash) covers more: the card and the image.
func (m Message) TextSum() string {
	sum := sha256.Sum256([]byte(m.Text))
	return hex.EncodeToString(sum[:])
}

// Seal is the hash that validation binds and that a send checks again:
// the hash of the sealed message (see Sealed).
func Seal(p Post, r Rules) string {
	return Sealed(p, r).Hash()
}

// Sealed is the message as the seal covers it and as it is sent: Build's,
// with the SHA-256 of the picture kept for its image in ImageSum. Nothing
// is read: the picture was taken into the data file when the post was
// saved, so the seal is the same in any folder and whatever happens to the
// file on disk.
func Sealed(p Post, r Rules) Message {
	m := Build(p, r)
	if m.Image != "" {
		m.ImageSum = NoPicture
		if p.Picture != nil && p.Picture.Sum != "" {
			m.ImageSum = p.Picture.Sum
		}
	}
	return m
}
