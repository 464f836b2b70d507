package message

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crieur/message/markup"
)

// Level says whether a check blocks validation.
type Level int

const (
	Warning Level = iota // asks for a confirmation before validating
	Error                // blocks validation
)

// Check codes. The desk turns each into a sentence in its language.
const (
	CheckBodyEmpty   = "body-empty"
	CheckLinkMissing = "link-missing"
	CheckLinkScheme  = "link-not-https"
	CheckLinkDomain  = "link-domain"
	CheckLinkBroken  = "link-broken"
	CheckReadMore    = "read-more"
	CheckTooLong     = "too-long"
	CheckMarkup      = "markup"
	CheckCategory    = "category"
	CheckAlt         = "alt"
	CheckControl     = "control"
	CheckPlaceholder = "placeholder"
	CheckWeekday     = "weekday"

	// The image field names a file the desk has not taken a picture from
	// yet: it does when the post is saved.
	CheckImagePending = "image-pending"
	// The desk could not take a picture from the file the image field
	// names, for the reason each code says.
	CheckImageMissing    = "image-missing"
	CheckImageNotFile    = "image-not-file"
	CheckImageUnreadable = "image-unreadable"
	CheckImageSlow       = "image-slow"
	CheckImageTooLarge   = "image-too-large"
	CheckImageFormat     = "image-format"
	CheckImageDamaged    = "image-damaged"
	CheckImagePixels     = "image-pixels"
)

// CheckCodes lists every check code, for the catalogues to name them all.
var CheckCodes = []string{
	CheckBodyEmpty, CheckLinkMissing, CheckLinkScheme, CheckLinkDomain, CheckLinkBroken,
	CheckReadMore, CheckTooLong, CheckMarkup, CheckCategory, CheckAlt, CheckControl,
	CheckPlaceholder, CheckWeekday, CheckImagePending, CheckImageMissing, CheckImageNotFile,
	CheckImageUnreadable, CheckImageSlow, CheckImageTooLarge, CheckImageFormat,
	CheckImageDamaged, CheckImagePixels,
}

// imageChecks is the check of each reason package picture gives for not
// taking a picture.
var imageChecks = map[string]string{
	"missing": CheckImageMissing, "not-file": CheckImageNotFile, "unreadable": CheckImageUnreadable,
	"slow": CheckImageSlow, "too-large": CheckImageTooLarge, "format": CheckImageFormat,
	"damaged": CheckImageDamaged, "pixels": CheckImagePixels,
}

// ImageCheck is the check code of a reason package picture gives for not
// taking a picture; an unknown one reads as unreadable.
func ImageCheck(problem string) string {
	if code, ok := imageChecks[problem]; ok {
		return code
	}
	return CheckImageUnreadable
}

// Problem is one thing wrong with a post. Detail carries the specifics
// (the placeholder found, the limit exceeded, the date that does not
// match) in a form the desk shows as is.
type Problem struct {
	Code   string
	Level  Level
	Detail string
}

// Limits are the hard limits of the configured back-ends, by back-end
// name, in characters of the outgoing text.
type Limits map[string]int

// Check runs every offline check on a post as it would be sent. now gives
// the year for dates written without one.
func Check(p Post, r Rules, limits Limits, now time.Time) []Problem {
	var out []Problem
	add := func(code string, level Level, detail string) {
		out = append(out, Problem{Code: code, Level: level, Detail: detail})
	}
	msg := Build(p, r)

	if strings.TrimSpace(p.Body) == "" {
		add(CheckBodyEmpty, Error, "")
	}
	checkLink(p.Link, r.AllowedDomains, add)
	if c := p.Page; c != nil && c.Status >= 400 {
		add(CheckLinkBroken, Error, strconv.Itoa(c.Status))
	}
	// Back-ends count characters as code points; the follower sees
	// graphemes without the markers, which is what "Read more" cuts.
	chars := utf8.RuneCountInString(msg.Text)
	for _, name := range sortedKeys(limits) {
		if limit := limits[name]; limit > 0 && chars > limit {
			add(CheckTooLong, Error, fmt.Sprintf("%s %d/%d", name, chars, limit))
		}
	}
	if seen := markup.Length(msg.Text); r.ReadMore > 0 && seen > r.ReadMore {
		add(CheckReadMore, Warning, fmt.Sprintf("%d/%d", seen, r.ReadMore))
	}
	if m := markup.Unbalanced(p.Body); m != "" {
		add(CheckMarkup, Warning, m)
	}
	if strings.TrimSpace(p.Category) == "" {
		add(CheckCategory, Error, "")
	}
	if p.Image != "" && strings.TrimSpace(p.Alt) == "" {
		add(CheckAlt, Error, "")
	}
	// Only a picture the desk holds can be validated and sent; the check
	// names the image.
	if image := strings.TrimSpace(p.Image); image != "" {
		switch pic := p.Picture; {
		case pic == nil:
			add(CheckImagePending, Error, image)
		case pic.Sum == "":
			add(ImageCheck(pic.Problem), Error, image)
		}
	}
	for _, f := range []string{p.Body, p.Link, p.Alt, p.Title} {
		if c, ok := ControlRune(f); ok {
			add(CheckControl, Error, fmt.Sprintf("U+%04X", c))
			break
		}
	}
	if ph := placeholder(p.Body + "\n" + p.Link); ph != "" {
		add(CheckPlaceholder, Error, ph)
	}
	for _, d := range wrongWeekdays(p.Body, now) {
		add(CheckWeekday, Error, d)
	}
	return out
}

// ideaChecks are the checks that make sense for an idea: a topic in a few
// words, not yet a message, has no text, link or category to miss, but
// what it does say can be wrong.
var ideaChecks = map[string]bool{
	CheckLinkScheme: true, CheckLinkDomain: true, CheckLinkBroken: true,
	CheckControl: true, CheckWeekday: true,
	CheckImagePending: true, CheckImageMissing: true, CheckImageNotFile: true, CheckImageUnreadable: true,
	CheckImageSlow: true, CheckImageTooLarge: true, CheckImageFormat: true, CheckImageDamaged: true,
	CheckImagePixels: true,
}

// CheckIdea runs the checks that make sense for an idea: a link, when it
// has one, that is not https, points outside the allowed domains or is
// broken; an image that is not a picture the desk took in; control
// characters; a weekday that does not match its date.
// What an idea has not written yet (text, link, category, alt text) and
// what only a finished message has (length, markup, placeholders) are
// for the draft.
func CheckIdea(p Post, r Rules, now time.Time) []Problem {
	var out []Problem
	for _, pr := range Check(p, r, nil, now) {
		if ideaChecks[pr.Code] {
			out = append(out, pr)
		}
	}
	return out
}

// Errors counts the problems that block validation.
func Errors(problems []Problem) int {
	n := 0
	for _, p := range problems {
		if p.Level == Error {
			n++
		}
	}
	return n
}

func checkLink(link string, allowed []string, add func(string, Level, string)) {
	link = strings.TrimSpace(link)
	if link == "" {
		add(CheckLinkMissing, Error, "")
		return
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		add(CheckLinkScheme, Error, link)
		return
	}
	if u.Scheme != "https" {
		add(CheckLinkScheme, Error, u.Scheme)
	}
	if len(allowed) == 0 {
		return
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range allowed {
		d = strings.ToLower(d)
		if host == d || strings.HasSuffix(host, "."+d) {
			return
		}
	}
	add(CheckLinkDomain, Error, host)
}

// ControlRune finds a character that has no business in a post: C0 and
// C1 controls (newline and tab aside), DEL, bidi overrides and isolates,
// and bytes that are not UTF-8.
func ControlRune(s string) (rune, bool) {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r, true
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return r, true
			}
		}
	}
	return 0, false
}

var placeholderRE = regexp.MustCompile(`(?i)\b(TODO|TBD|FIXME|XXX+|lorem ipsum)\b|\[(date|heure|lieu|lien|link|time|place|nom|name|\.\.\.|…)\]|\?\?\?`)

func placeholder(s string) string {
	if !mayHoldPlaceholder(s) {
		return ""
	}
	return placeholderRE.FindString(s)
}

func sortedKeys(m Limits) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
