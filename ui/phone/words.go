package phone

import "strconv"

// Words are the few strings the phone itself shows, in the language of
// the follower's phone. They imitate WhatsApp's own words; they come from
// the desk's catalogue (ui/i18n), like every other string.
type Words struct {
	ReadMore     string // the link that expands a long message
	ImageMissing string // the placeholder of an image that cannot be read
	// Follower and Followers are the nouns after a count of one and of
	// more; Point, Thousand, Million and Billion write the count compactly
	// ("12,4 k", "12.4K").
	Follower, Followers               string
	Point, Thousand, Million, Billion string
	// ZeroSingular says whether zero takes the singular ("0 abonné"), as
	// in French, or the plural ("0 followers"), as in English.
	ZeroSingular bool
	// View and Views are the line under a published message, for a
	// count of one and of more: "%s view", "%s views".
	View, Views string
}

// followers writes a follower count as WhatsApp does: "12,4 k abonnés",
// "12.4K followers". Counts are rounded down, so a channel never reads
// bigger than it is ("999 k", not "1 000 k").
func (w Words) followers(n int) string {
	n = max(n, 0)
	noun := w.Followers
	if n == 1 || (n == 0 && w.ZeroSingular) {
		noun = w.Follower
	}
	return compact(n, w.Point, w.Thousand, w.Million, w.Billion) + noun
}

func compact(n int, point, thousand, million, billion string) string {
	unit, suffix := 1, ""
	switch {
	case n >= 1_000_000_000:
		unit, suffix = 1_000_000_000, billion
	case n >= 1_000_000:
		unit, suffix = 1_000_000, million
	case n >= 1_000:
		unit, suffix = 1_000, thousand
	default:
		return strconv.Itoa(n)
	}
	whole := n / unit
	tenth := n % unit / (unit / 10)
	if whole >= 100 || tenth == 0 {
		return strconv.Itoa(whole) + suffix
	}
	return strconv.Itoa(whole) + point + strconv.Itoa(tenth) + suffix
}
