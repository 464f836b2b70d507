package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"crieur/store"
)

// Limits of a fetch: a feed is a few hundred kilobytes at most, a server
// that hangs does not hold the desk, and a chain of redirects ends.
const (
	DefaultTimeout   = 20 * time.Second
	DefaultMaxBytes  = 4 << 20
	DefaultRedirects = 5
)

// Errors of a fetch.
var (
	ErrTooLarge  = errors.New("the feed is too large")
	ErrStatus    = errors.New("the server answered with an error")
	ErrRedirects = errors.New("too many redirects")
	ErrAddress   = errors.New("not a web address")
)

// Source is one feed of the settings: its name (the ideas' source) and
// its address. Addresses come from the settings, so they are trusted as
// addresses: http and the machine's own addresses are allowed, for an
// intranet or a test.
type Source struct {
	Name string
	URL  string
}

// Fetcher reads feeds over HTTP within its limits. The zero value uses
// the defaults and a client of its own.
type Fetcher struct {
	Client    *http.Client // its transport is used; redirects and time are the fetcher's
	Timeout   time.Duration
	MaxBytes  int64
	Redirects int
}

// Fetch reads one feed and parses it.
func (f Fetcher) Fetch(ctx context.Context, src Source) (Feed, error) {
	u, err := url.Parse(strings.TrimSpace(src.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Feed{}, fmt.Errorf("%w: %q", ErrAddress, Clean(src.URL, 200))
	}
	timeout, limit, redirects := f.Timeout, f.MaxBytes, f.Redirects
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if redirects <= 0 {
		redirects = DefaultRedirects
	}
	client := http.Client{Timeout: timeout}
	if f.Client != nil {
		client.Transport = f.Client.Transport
		client.Jar = f.Client.Jar
	}
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > redirects {
			return ErrRedirects
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: a redirect to %s", ErrAddress, req.URL.Scheme)
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Feed{}, err
	}
	req.Header.Set("User-Agent", "crieur (feed reader)")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return Feed{}, fetchError(err, timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return Feed{}, fmt.Errorf("%w: %s", ErrStatus, resp.Status)
	}
	if resp.ContentLength > limit {
		return Feed{}, fmt.Errorf("%w (%d bytes; at most %d)", ErrTooLarge, resp.ContentLength, limit)
	}
	data, err := readAll(resp.Body, limit)
	if err != nil {
		return Feed{}, fetchError(err, timeout)
	}
	return Parse(data, resp.Request.URL)
}

// fetchError words a transport error without the Go URL error's
// repetition of the method and address.
func fetchError(err error, timeout time.Duration) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("no answer within %s: %w", timeout, context.DeadlineExceeded)
	}
	return err
}

// Result is what reading one feed did.
type Result struct {
	Source Source
	Added  []store.Post // the ideas it added
	Err    error        // why it could not be read; nil when it was
	Read   store.FeedRead
}

// ReadAll reads every feed and adds their new entries as ideas, each
// feed in one transaction. A feed that fails is recorded as failed and
// does not stop the others. The results are in the order of sources.
func (f Fetcher) ReadAll(ctx context.Context, st *store.Store, sources []Source, now func() time.Time) ([]Result, error) {
	var out []Result
	for _, src := range sources {
		r := Result{Source: src}
		feed, err := f.Fetch(ctx, src)
		at := now()
		if err != nil {
			r.Err = err
			if err := st.FeedFailed(src.Name, src.URL, at, err.Error()); err != nil {
				return out, err
			}
			out = append(out, r)
			continue
		}
		ideas := make([]store.Post, 0, len(feed.Entries))
		for _, e := range feed.Entries {
			ideas = append(ideas, Idea(e))
		}
		r.Read = store.FeedRead{Name: src.Name, URL: src.URL, At: at}
		added, err := st.AddIdeas(r.Read, ideas)
		if err != nil {
			return out, err
		}
		r.Added = added
		if reads, err := st.FeedReads(); err == nil {
			r.Read = reads[src.Name]
		}
		out = append(out, r)
	}
	return out, nil
}

// Idea is the post an entry becomes: an idea with the entry's title,
// link, summary as notes and date. An entry without a title is named by
// the start of its summary.
func Idea(e Entry) store.Post {
	title := e.Title
	if title == "" {
		title = plainText(e.Notes)
		if len(title) > 80 {
			title = cut(title, 80)
		}
	}
	return store.Post{
		Title:      title,
		Link:       e.Link,
		Notes:      e.Notes,
		SourceID:   e.ID,
		SourceDate: e.Date,
		Status:     store.StatusIdea,
	}
}
