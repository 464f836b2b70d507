package sender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"crieur/message"
	"crieur/store"
)

// Limits of a link-card fetch: a page is read only as far as its head
// needs, and a server that hangs does not hold the desk.
const (
	cardTimeout  = 8 * time.Second
	cardMaxBytes = 512 << 10
)

// ErrNotHTML marks a link that answers with something other than a page.
var ErrNotHTML = errors.New("the link is not a web page")

// FetchCard reads the OpenGraph title, description and image of the page
// at link, as WhatsApp does to draw a link card, and the HTTP status the
// link answers. A status of 400 or more is returned in the card, not as an
// error: it is a finding about the link, which the checks report.
func FetchCard(ctx context.Context, client *http.Client, link string, now time.Time) (store.Card, error) {
	card := store.Card{URL: link, Fetched: now}
	ctx, cancel := context.WithTimeout(ctx, cardTimeout)
	defer cancel()
	resp, err := getPage(ctx, client, link, "text/html,application/xhtml+xml")
	if err != nil {
		return card, fmt.Errorf("fetch card: %w", err)
	}
	defer resp.Body.Close()
	card.Status = resp.StatusCode
	if resp.StatusCode >= 400 {
		return card, nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "html") {
		return card, fmt.Errorf("fetch card: %w (%s)", ErrNotHTML, ct)
	}
	title, desc, image := readHead(io.LimitReader(resp.Body, cardMaxBytes))
	card.Title, card.Description = clean(title, 200), clean(desc, 300)
	if image != "" {
		if iu, err := resp.Request.URL.Parse(image); err == nil && (iu.Scheme == "https" || iu.Scheme == "http") {
			card.Image = iu.String()
		}
	}
	return card, nil
}

// getPage asks a web address for what accept names, as a link preview.
func getPage(ctx context.Context, client *http.Client, addr, accept string) (*http.Response, error) {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("%q is not a web address", addr)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "crieur (link preview)")
	req.Header.Set("Accept", accept)
	resp, err := client.Do(req)
	if err != nil {
		return nil, transportError(err)
	}
	return resp, nil
}

// readHead walks the page's tokens until the end of its head, taking the
// OpenGraph properties and, failing them, the title and description.
func readHead(r io.Reader) (title, desc, image string) {
	var plainTitle, plainDesc string
	z := html.NewTokenizer(r)
	inTitle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return pick(title, plainTitle), pick(desc, plainDesc), image
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Title:
				inTitle = true
			case atom.Body:
				return pick(title, plainTitle), pick(desc, plainDesc), image
			case atom.Meta:
				var prop, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "property", "name":
						prop = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				switch prop {
				case "og:title":
					title = content
				case "og:description":
					desc = content
				case "og:image", "og:image:url", "og:image:secure_url":
					if image == "" {
						image = content
					}
				case "description":
					plainDesc = content
				}
			}
		case html.TextToken:
			if inTitle && plainTitle == "" {
				plainTitle = string(z.Text())
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Title:
				inTitle = false
			case atom.Head:
				return pick(title, plainTitle), pick(desc, plainDesc), image
			}
		}
	}
}

func pick(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// clean folds the white space of a card field, drops control characters
// a page may carry, and caps its length.
func clean(s string, limit int) string {
	s = strings.Map(func(r rune) rune {
		if _, bad := message.ControlRune(string(r)); bad {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return s
}
