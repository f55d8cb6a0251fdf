package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Digest identifies an answer's content: the SHA-256 of a body (first 96
// bits, hex). Records built from answers name them by digest, so that a
// cached record is reused only while its answers are unchanged.
func Digest(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:12])
}

// NegativeDigest is the digest of a definitive negative answer (404, 410).
func NegativeDigest(status int) string { return "status:" + strconv.Itoa(status) }
