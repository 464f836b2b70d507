package sender

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"crieur/store"
)

func TestFetchThumbnail(t *testing.T) {
	var picture bytes.Buffer
	png.Encode(&picture, image.NewRGBA(image.Rect(0, 0, 1200, 630)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/og.png":
			w.Write(picture.Bytes())
		case "/huge.png":
			w.Write(bytes.Repeat([]byte("x"), cardImageMaxBytes+10))
		case "/page.html":
			w.Write([]byte("<html></html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	card, err := FetchThumbnail(ctx, srv.Client(), store.Card{URL: "https://valbourg.fr", Image: srv.URL + "/og.png", Status: 200})
	if err != nil || card.Thumb == nil {
		t.Fatalf("thumbnail: %v", err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(card.Thumb))
	if err != nil || format != "jpeg" || cfg.Width != thumbSide || cfg.Height != 630*thumbSide/1200 {
		t.Errorf("thumbnail %v %s %dx%d", err, format, cfg.Width, cfg.Height)
	}
	again, _ := FetchThumbnail(ctx, srv.Client(), card)
	if !bytes.Equal(again.Thumb, card.Thumb) {
		t.Error("the same image gave another thumbnail")
	}

	for path, want := range map[string]string{"/missing.png": "404", "/huge.png": "5 MB", "/page.html": "thumbnail"} {
		card, err := FetchThumbnail(ctx, srv.Client(), store.Card{Image: srv.URL + path})
		if err == nil || card.Thumb != nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", path, err)
		}
	}
	if card, err := FetchThumbnail(ctx, srv.Client(), store.Card{}); err != nil || card.Thumb != nil {
		t.Errorf("no image: %v", err)
	}
	if _, err := FetchThumbnail(ctx, srv.Client(), store.Card{Image: "file:///etc/passwd"}); err == nil {
		t.Error("a file address was read")
	}
}
