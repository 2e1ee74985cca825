"""XXH3-64 (seed 0, default secret) of many byte strings at once, vectorised with numpy.

Bit-identical to ``xxhash.xxh3_64_intdigest`` for inputs up to 240 bytes (XXH3's short and
mid-size paths); longer inputs, which are rare for shingles, are hashed by the xxhash library
one by one. The strings are byte spans of one ``uint8`` buffer, so the shingles of a whole
batch of documents are hashed without creating a Python object per shingle, which is where
the time of the plain path went (see docs/dedup.md, "Speed").

The spans are hashed in blocks of ``_BLOCK`` whose bytes and temporaries stay in the CPU's
cache; word shingles (17 to 64 bytes for 5 words) take one path, 17-128 bytes, whose first
two 16-byte mixes are common to all its lengths.
"""

from __future__ import annotations

import numpy as np
import xxhash

__all__ = ["MAX_VECTOR_LEN", "xxh3_64_ranges", "xxh3_64_spans"]

MAX_VECTOR_LEN = 240
_BLOCK = 8192

_SECRET = bytes.fromhex(  # XXH3's default secret (kSecret); bytes 0-135 are used here
    "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
    "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
    "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
    "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
    "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
    "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e"
)
_U64 = np.uint64
_P32_1 = _U64(0x9E3779B1)
_P64_1 = _U64(0x9E3779B185EBCA87)
_P64_2 = _U64(0xC2B2AE3D27D4EB4F)
_P64_3 = _U64(0x165667B19E3779F9)
_PRIME_MX1 = _U64(0x165667919E3779F9)
_PRIME_MX2 = _U64(0x9FB21C651E98DF25)
_M32 = _U64(0xFFFFFFFF)
_S32 = _U64(32)


def _s64(offset: int) -> np.uint64:
    return _U64(int.from_bytes(_SECRET[offset : offset + 8], "little"))


def _s32(offset: int) -> int:
    return int.from_bytes(_SECRET[offset : offset + 4], "little")


def _sh(x: np.ndarray, k: int) -> np.ndarray:
    return x >> _U64(k)


def _rotl(x: np.ndarray, k: int) -> np.ndarray:
    return (x << _U64(k)) | (x >> _U64(64 - k))


def _xxh64_avalanche(h: np.ndarray) -> np.ndarray:
    h = h ^ _sh(h, 33)
    h *= _P64_2
    h ^= _sh(h, 29)
    h *= _P64_3
    return h ^ _sh(h, 32)


def _xxh3_avalanche(h: np.ndarray) -> np.ndarray:
    """XXH3's avalanche, in place."""
    h ^= _sh(h, 37)
    h *= _PRIME_MX1
    h ^= _sh(h, 32)
    return h


def _mul128_fold64(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Low 64 bits xor high 64 bits of the 128-bit products ``a * b`` (a and b consumed).

    The low half is numpy's wrapping product; the high half is assembled from the four
    32-bit partial products, as in xxhash's portable ``XXH_mult64to128``."""
    a_hi = a >> _S32
    b_hi = b >> _S32
    low = a * b
    a &= _M32  # a_lo
    b &= _M32  # b_lo
    hi_lo = a_hi * b
    a_hi *= b_hi  # hi_hi
    b_hi *= a  # lo_hi
    a *= b  # lo_lo
    a >>= _S32
    a += hi_lo  # cannot overflow: < 2**32 + (2**32 - 1)**2
    np.bitwise_and(b_hi, _M32, out=b)
    a += b  # cross: < 2**32 + 2**32 + (2**32 - 1)**2 <= 2**64 - 1
    b_hi >>= _S32
    a_hi += b_hi
    a >>= _S32
    a_hi += a  # the high 64 bits
    low ^= a_hi
    return low


# Bytes a read may start before a span (the 17-128 path reads at its end - 64) or after the
# block's last span ends (that path, run on a shorter span, reads 16 bytes at its start).
_MARGIN = 64


class _Reader:
    """Little-endian 1-, 4- and 8-byte reads in the bytes ``[lo, hi)`` of a buffer: ``at(c)[i]``
    is the 8 bytes at ``lo + i + c`` for index arrays ``i`` and constants ``c >= -_MARGIN``,
    without index arithmetic. Bytes within ``_MARGIN`` outside the buffer read as zeros."""

    def __init__(self, buf: np.ndarray, lo: int, hi: int) -> None:
        # element k is the 8 bytes at lo - _MARGIN + k: a copy of the unaligned strided view,
        # because gathers from an aligned array cost half as much and every span does 2-16 of
        # them; only the block's bytes are copied, so that the copy stays in the cache
        first, last = lo - _MARGIN, hi + _MARGIN + 8
        offset = first
        if first < 0 or last > buf.size:  # the batch's first or last block
            before, after = max(0, -first), max(0, last - buf.size)
            buf = np.concatenate(
                (np.zeros(before, np.uint8), buf[max(first, 0) : last], np.zeros(after, np.uint8))
            )
            offset = 0
        view = np.ndarray((last - first - 7,), dtype="<u8", buffer=buf, offset=offset, strides=(1,))
        self._u64 = np.ascontiguousarray(view).astype(np.uint64, copy=False)
        self._u8 = buf[offset + _MARGIN :]

    def at(self, c: int) -> np.ndarray:
        """A view whose element ``i`` is the 8 bytes at ``lo + i + c``."""
        return self._u64[_MARGIN + c :]

    def u64(self, at: np.ndarray) -> np.ndarray:
        return self._u64[_MARGIN:][at]

    def u32(self, at: np.ndarray) -> np.ndarray:
        return self._u64[_MARGIN:][at] & _M32

    def u8(self, at: np.ndarray) -> np.ndarray:
        return self._u8[at].astype(np.uint64)


def _len_1to3(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    c1, c2, c3 = r.u8(s), r.u8(s + (n >> 1)), r.u8(s + n - 1)
    combined = (c1 << _U64(16)) | (c2 << _U64(24)) | c3 | (n.astype(np.uint64) << _U64(8))
    return _xxh64_avalanche(combined ^ _U64(_s32(0) ^ _s32(4)))


def _len_4to8(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    input1, input2 = r.u32(s), r.u32(s + n - 4)
    keyed = (input2 + (input1 << _U64(32))) ^ (_s64(8) ^ _s64(16))
    h = keyed ^ _rotl(keyed, 49) ^ _rotl(keyed, 24)
    h *= _PRIME_MX2
    h ^= _sh(h, 35) + n.astype(np.uint64)
    h *= _PRIME_MX2
    return h ^ _sh(h, 28)


def _len_9to16(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    lo = r.u64(s) ^ (_s64(24) ^ _s64(32))
    hi = r.u64(s + n - 8) ^ (_s64(40) ^ _s64(48))
    acc = n.astype(np.uint64) + lo.byteswap() + hi + _mul128_fold64(lo, hi)
    return _xxh3_avalanche(acc)


def _mix16(r: _Reader, at: np.ndarray, c: int, secret: int) -> np.ndarray:
    """XXH3's 16-byte mix of the bytes at ``lo + at + c`` (see :class:`_Reader`)."""
    a = r.at(c)[at]
    a ^= _s64(secret)
    b = r.at(c + 8)[at]
    b ^= _s64(secret + 8)
    return _mul128_fold64(a, b)


def _len_17to128(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Lengths 17..128: 1 (17-32), 2 (33-64), 3 (65-96) or 4 (97-128) pairs of mixes."""
    acc = n.astype(np.uint64)
    acc *= _P64_1
    end = s + n
    acc += _mix16(r, s, 0, 0)
    acc += _mix16(r, end, -16, 16)
    for k in range(1, 4):  # the reference adds these first (wrapping addition: any order)
        more = np.flatnonzero(n > 32 * k)
        if more.size == 0:
            break
        sm, em = s[more], end[more]
        extra = _mix16(r, sm, 16 * k, 32 * k)
        extra += _mix16(r, em, -16 * (k + 1), 32 * k + 16)
        acc[more] += extra
    return _xxh3_avalanche(acc)


def _len_129to240(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    acc = n.astype(np.uint64) * _P64_1
    for i in range(8):
        acc += _mix16(r, s, 16 * i, 16 * i)
    acc = _xxh3_avalanche(acc)
    rounds = n // 16
    for i in range(8, 15):
        more = np.flatnonzero(rounds > i)
        if more.size == 0:
            break
        acc[more] += _mix16(r, s[more], 16 * i, 16 * (i - 8) + 3)
    acc += _mix16(r, s + n, -16, 136 - 17)
    return _xxh3_avalanche(acc)


_EMPTY = int(xxhash.xxh3_64_intdigest(b""))
_PATHS = (_len_1to3, _len_4to8, _len_9to16, _len_17to128, _len_129to240)
# path of each length 0..241: 0 empty, 1-3, 4-8, 9-16, 17-128, 129-240, 241+ (the library)
_CLASS_OF_LENGTH = np.digitize(
    np.arange(MAX_VECTOR_LEN + 2), (1, 4, 9, 17, 129, MAX_VECTOR_LEN + 1)
).astype(np.uint8)
_LIBRARY = len(_PATHS) + 1


def xxh3_64_ranges(buf: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """``xxh3_64(buf[starts[k]:stops[k]])`` for every ``k`` (uint64)."""
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(stops, dtype=np.int64) - starts
    return xxh3_64_spans(np.ascontiguousarray(buf, dtype=np.uint8), starts, lengths)


def xxh3_64_spans(buf: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``xxh3_64(buf[starts[k]:starts[k] + lengths[k]])`` for every ``k`` (uint64), for a
    contiguous ``uint8`` buffer and int64 ``starts`` and ``lengths``."""
    out = np.empty(starts.size, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for b0 in range(0, starts.size, _BLOCK):
            s = starts[b0 : b0 + _BLOCK]
            n = lengths[b0 : b0 + _BLOCK]
            _hash_block(buf, s, n, out[b0 : b0 + _BLOCK])
    return out


def _hash_block(buf: np.ndarray, s: np.ndarray, n: np.ndarray, out: np.ndarray) -> None:
    lo = int(s.min())
    reader = _Reader(buf, lo, int((s + n).max()) + 1)
    local = s - lo
    # the 17-128 path for the whole block (word shingles: nearly all), then the other lengths
    # again on their own (its reads for them stay inside the reader: garbage, overwritten)
    out[:] = _len_17to128(reader, local, n)
    other = np.flatnonzero((n < 17) | (n > 128))
    if other.size == 0:
        return
    n, local, s = n[other], local[other], s[other]
    classes = _CLASS_OF_LENGTH[np.minimum(n, MAX_VECTOR_LEN + 1)]
    for cls in np.unique(classes).tolist():
        idx = np.flatnonzero(classes == cls)
        if cls == 0:
            out[other[idx]] = _EMPTY
        elif cls < _LIBRARY:
            out[other[idx]] = _PATHS[cls - 1](reader, local[idx], n[idx])
        else:  # longer than 240 bytes: the library, one by one
            out[other[idx]] = [
                xxhash.xxh3_64_intdigest(buf[a : a + k].tobytes())
                for a, k in zip(s[idx].tolist(), n[idx].tolist(), strict=True)
            ]
