package phone

import (
	"strconv"
	"strings"
)

// words are the few strings the phone itself shows, in the language of the
// follower's phone. They live here rather than in the desk's catalogue
// (ui/i18n) because they imitate WhatsApp's own words, not the desk's.
type words struct {
	readMore     string
	imageMissing string
	fr           bool
}

func wordsFor(lang string) words {
	if strings.HasPrefix(lang, "fr") {
		return words{readMore: "Lire la suite", imageMissing: "image introuvable", fr: true}
	}
	return words{readMore: "Read more", imageMissing: "image not found"}
}

// followers writes a follower count as WhatsApp does: "12,4 k abonnés",
// "12.4K followers". Counts are rounded down, so a channel never reads
// bigger than it is ("999 k", not "1 000 k").
func (w words) followers(n int) string {
	n = max(n, 0)
	if w.fr {
		noun := " abonnés"
		if n < 2 {
			noun = " abonné"
		}
		return compact(n, ",", " k", " M", " Md") + noun
	}
	noun := " followers"
	if n == 1 {
		noun = " follower"
	}
	return compact(n, ".", "K", "M", "B") + noun
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
