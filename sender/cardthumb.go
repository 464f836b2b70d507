package sender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"crieur/store"
)

// Limits of a card image's fetch: the picture behind og:image is often a
// full-size photo, read only to make a thumbnail.
const (
	cardImageTimeout  = 8 * time.Second
	cardImageMaxBytes = 5 << 20
)

// FetchThumbnail reads the image of a fetched card (card.Image) and makes
// the thumbnail WhatsApp's link card shows, carried in card.Thumb for
// store.SetCard to keep: it is fetched with the card so that what is
// validated is what is sent, not the page's image on the day of sending.
// A card without an image, or whose image cannot be read, is returned as
// it is, with the reason.
func FetchThumbnail(ctx context.Context, client *http.Client, card store.Card) (store.Card, error) {
	card.Thumb = nil
	if card.Image == "" || card.Status >= 400 {
		return card, nil
	}
	u, err := url.Parse(card.Image)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return card, fmt.Errorf("card image: %q is not a web address", card.Image)
	}
	if client == nil {
		client = http.DefaultClient
	}
	ctx, cancel := context.WithTimeout(ctx, cardImageTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, card.Image, nil)
	if err != nil {
		return card, fmt.Errorf("card image: %w", err)
	}
	req.Header.Set("User-Agent", "crieur (link preview)")
	req.Header.Set("Accept", "image/jpeg,image/png")
	resp, err := client.Do(req)
	if err != nil {
		return card, fmt.Errorf("card image: %w", transportError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return card, fmt.Errorf("card image: %s", statusText(resp.StatusCode))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, cardImageMaxBytes+1))
	if err != nil {
		return card, fmt.Errorf("card image: %w", err)
	}
	if len(body) > cardImageMaxBytes {
		return card, errors.New("card image: larger than 5 MB")
	}
	thumb, err := Thumbnail(body)
	if err != nil {
		return card, fmt.Errorf("card image: %w", err)
	}
	card.Thumb = thumb
	return card, nil
}
