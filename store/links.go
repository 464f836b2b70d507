package store

import (
	"bytes"
	"errors"
	"net/url"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// LinkKey is what two links to the same page have in common: the host in
// lower case without its default port, the path without a trailing slash,
// the query without tracking parameters and in a fixed order, no fragment
// and no scheme (http and https name the same page on a city's site). A
// link that is not an absolute web address has no key: it matches nothing.
//
// The key decides which ideas a feed brings are already on a post, so it
// is kept, for every post, in an index the store maintains (see
// linkIndexVersion): changing the rule means raising that version.
func LinkKey(link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return ""
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	path := u.EscapedPath()
	path = strings.TrimRight(path, "/")
	var b strings.Builder
	b.WriteString(host)
	b.WriteString(path)
	if q := cleanQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// cleanQuery drops the parameters that say where a reader came from
// rather than which page they read, and sorts the others.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return raw
	}
	for name := range values {
		if trackingParam(name) {
			delete(values, name)
		}
	}
	if len(values) == 0 {
		return ""
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		vals := values[name]
		sort.Strings(vals)
		for _, v := range vals {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(name))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// trackingParam names the query parameters of campaign tracking: Google's
// utm_ family, the click ids of the ad networks, newsletter tools, and
// AT Internet's xtor and at_ family that French public sites use.
func trackingParam(name string) bool {
	n := strings.ToLower(name)
	for _, prefix := range []string{"utm_", "at_", "mtm_", "pk_", "_hs"} {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	switch n {
	case "xtor", "xts", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
		"mc_cid", "mc_eid", "mkt_tok", "ocid", "twclid", "ttclid", "li_fat_id", "s_cid", "ref_src":
		return true
	}
	return false
}

// The link index: for every post with a link, its LinkKey, a zero byte and
// the post's id; for an idea a feed brought without a link, "item", a zero
// byte, the feed item's id, a zero byte and the post's id. Entries are
// only ever added when a post is saved: a post whose link changed leaves
// its old entry behind, and a lookup checks each entry against the post
// itself, so a stale entry never matches.
var (
	bucketLinks      = []byte("links")
	keyLinkIndex     = []byte("links-version")
	linkIndexVersion = uint64(1)
)

// indexKeys are the index entries of a post.
func indexKeys(p Post) [][]byte {
	var keys [][]byte
	if k := LinkKey(p.Link); k != "" && strings.IndexByte(k, 0) < 0 {
		keys = append(keys, append(append([]byte(k), 0), p.ID...))
	}
	if p.SourceID != "" && strings.IndexByte(p.SourceID, 0) < 0 {
		keys = append(keys, append(append([]byte("item\x00"+p.SourceID), 0), p.ID...))
	}
	return keys
}

// indexPost adds a post's entries to the link index, inside the caller's
// transaction.
func indexPost(tx *bolt.Tx, p Post) error {
	b := tx.Bucket(bucketLinks)
	if b == nil {
		return nil // a file opened read-only before the index existed
	}
	for _, k := range indexKeys(p) {
		if b.Get(k) == nil {
			if err := b.Put(k, []byte{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// linkedPost is the id of a post whose link has the key, or whose feed
// item has the id, and "" when there is none.
func linkedPost(tx *bolt.Tx, key, itemID string) (string, error) {
	b := tx.Bucket(bucketLinks)
	if b == nil {
		return "", nil
	}
	find := func(prefix []byte, holds func(Post) bool) (string, error) {
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			id := string(k[len(prefix):])
			p, err := getPost(tx, id)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return "", err
			}
			if holds(p) {
				return id, nil
			}
		}
		return "", nil
	}
	if key != "" && strings.IndexByte(key, 0) < 0 {
		id, err := find(append([]byte(key), 0), func(p Post) bool { return LinkKey(p.Link) == key })
		if id != "" || err != nil {
			return id, err
		}
	}
	if itemID != "" && strings.IndexByte(itemID, 0) < 0 {
		return find([]byte("item\x00"+itemID+"\x00"), func(p Post) bool { return p.SourceID == itemID })
	}
	return "", nil
}

// buildLinkIndex fills the link index from every post, in the caller's
// transaction, when the file's index is missing or was made by another
// rule: once per file and rule.
func buildLinkIndex(tx *bolt.Tx) error {
	meta, err := bucket(tx, bucketMeta)
	if err != nil {
		return err
	}
	if v := meta.Get(keyLinkIndex); len(v) == 8 && u64(v) == linkIndexVersion && tx.Bucket(bucketLinks) != nil {
		return nil
	}
	if tx.Bucket(bucketLinks) != nil {
		if err := tx.DeleteBucket(bucketLinks); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketLinks); err != nil {
		return err
	}
	posts, err := bucket(tx, bucketPosts)
	if err != nil {
		return err
	}
	err = posts.ForEach(func(k, v []byte) error {
		var p Post
		if err := decodeJSON(v, &p); err != nil {
			return nil // a damaged post is reported when it is read, not here
		}
		return indexPost(tx, p)
	})
	if err != nil {
		return err
	}
	return meta.Put(keyLinkIndex, u64key(linkIndexVersion))
}

// linkIndexCurrent reports whether the file's link index was built by
// this rule.
func linkIndexCurrent(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || tx.Bucket(bucketLinks) == nil {
		return false
	}
	v := meta.Get(keyLinkIndex)
	return len(v) == 8 && u64(v) == linkIndexVersion
}
