"""XXH3-64 (seed 0, default secret) of many byte strings at once, vectorised with numpy.

Bit-identical to ``xxhash.xxh3_64_intdigest`` for inputs up to 240 bytes (XXH3's short and
mid-size paths); longer inputs, which are rare for shingles, are hashed by the xxhash library
one by one. The strings are byte ranges ``[start, stop)`` of one ``uint8`` buffer, so the
shingles of a whole batch of documents are hashed without creating a Python object per
shingle, which is where the time of the plain path went (see docs/dedup.md, "Speed").
"""

from __future__ import annotations

from functools import partial

import numpy as np
import xxhash

__all__ = ["MAX_VECTOR_LEN", "xxh3_64_ranges"]

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
    h = h ^ _sh(h, 37)
    h *= _PRIME_MX1
    return h ^ _sh(h, 32)


def _mul128_fold64(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Low 64 bits xor high 64 bits of the 128-bit products ``a * b`` (a and b consumed),
    from 32-bit halves as in xxhash's portable ``XXH_mult64to128``."""
    a_hi = a >> _U64(32)
    a &= _M32  # a_lo
    b_hi = b >> _U64(32)
    b &= _M32  # b_lo
    hi_lo = a_hi * b  # a_hi * b_lo
    a_hi *= b_hi  # hi_hi
    b_hi *= a  # lo_hi
    a *= b  # lo_lo
    cross = a >> _U64(32)
    b[:] = hi_lo
    b &= _M32
    cross += b
    cross += b_hi  # cannot overflow: < 2**32 + 2**32 + (2**32 - 1)**2
    hi_lo >>= _U64(32)
    a_hi += hi_lo
    a &= _M32
    a_hi += cross >> _U64(32)  # upper
    cross <<= _U64(32)
    a |= cross  # lower
    a ^= a_hi
    return a


class _Reader:
    """Little-endian 4- and 8-byte reads at arbitrary offsets of one buffer."""

    def __init__(self, buf: np.ndarray, padded: bool) -> None:
        if not padded:
            buf = np.concatenate((buf, np.zeros(8, dtype=np.uint8)))
        buf = np.ascontiguousarray(buf)
        # element i is the 8 bytes starting at byte i: a copy of the unaligned strided view,
        # because gathers from an aligned array cost half as much and every shingle does 2-16
        self._u64 = np.ascontiguousarray(
            np.ndarray((buf.size - 7,), dtype="<u8", buffer=buf.data, strides=(1,))
        )
        self._keep = buf

    def u64(self, at: np.ndarray) -> np.ndarray:
        return self._u64[at].astype(np.uint64, copy=False)

    def u32(self, at: np.ndarray) -> np.ndarray:
        return self._u64[at].astype(np.uint64, copy=False) & _M32

    def u8(self, at: np.ndarray) -> np.ndarray:
        return self._keep[at].astype(np.uint64)


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


def _bswap64(x: np.ndarray) -> np.ndarray:
    return x.byteswap()


def _len_9to16(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    lo = r.u64(s) ^ (_s64(24) ^ _s64(32))
    hi = r.u64(s + n - 8) ^ (_s64(40) ^ _s64(48))
    acc = n.astype(np.uint64) + _bswap64(lo) + hi + _mul128_fold64(lo, hi)
    return _xxh3_avalanche(acc)


def _mix16(r: _Reader, at: np.ndarray, secret: int) -> np.ndarray:
    return _mul128_fold64(r.u64(at) ^ _s64(secret), r.u64(at + 8) ^ _s64(secret + 8))


def _len_17to128(r: _Reader, s: np.ndarray, n: np.ndarray, pairs: int) -> np.ndarray:
    """Lengths 17..128 with ``pairs`` = 1 (17-32), 2 (33-64), 3 (65-96) or 4 (97-128)."""
    acc = n.astype(np.uint64) * _P64_1
    end = s + n
    for k in range(pairs - 1, -1, -1):  # the reference's order of additions (wrapping: any)
        acc += _mix16(r, s + 16 * k, 32 * k)
        acc += _mix16(r, end - 16 * (k + 1), 32 * k + 16)
    return _xxh3_avalanche(acc)


def _len_129to240(r: _Reader, s: np.ndarray, n: np.ndarray) -> np.ndarray:
    acc = n.astype(np.uint64) * _P64_1
    for i in range(8):
        acc += _mix16(r, s + 16 * i, 16 * i)
    acc = _xxh3_avalanche(acc)
    rounds = n // 16
    for i in range(8, 15):
        more = np.flatnonzero(rounds > i)
        if more.size == 0:
            break
        acc[more] += _mix16(r, s[more] + 16 * i, 16 * (i - 8) + 3)
    acc += _mix16(r, s + n - 16, 136 - 17)
    return _xxh3_avalanche(acc)


_EMPTY = int(xxhash.xxh3_64_intdigest(b""))
# class of each length 0..241: 0 empty, 1-3, 4-8, 9-16, 17-32, 33-64, 65-96, 97-128, 129-240, 241+
_CLASS_OF_LENGTH = np.digitize(
    np.arange(MAX_VECTOR_LEN + 2), (1, 4, 9, 17, 33, 65, 97, 129, MAX_VECTOR_LEN + 1)
).astype(np.uint8)


def xxh3_64_ranges(
    buf: np.ndarray, starts: np.ndarray, stops: np.ndarray, *, padded: bool = False
) -> np.ndarray:
    """``xxh3_64(buf[starts[k]:stops[k]])`` for every ``k`` (uint64). ``padded``: ``buf``
    has 8 spare bytes after the last range (saves a copy of the buffer)."""
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(stops, dtype=np.int64) - starts
    out = np.empty(starts.size, dtype=np.uint64)
    if starts.size == 0:
        return out
    reader = _Reader(np.asarray(buf, dtype=np.uint8), padded)
    classes = _CLASS_OF_LENGTH[np.minimum(lengths, MAX_VECTOR_LEN + 1)]
    paths = (
        _len_1to3,
        _len_4to8,
        _len_9to16,
        partial(_len_17to128, pairs=1),
        partial(_len_17to128, pairs=2),
        partial(_len_17to128, pairs=3),
        partial(_len_17to128, pairs=4),
        _len_129to240,
    )
    counts = np.bincount(classes, minlength=len(paths) + 2)
    order = np.argsort(classes, kind="stable")  # a radix sort for uint8
    bounds = np.concatenate(([0], np.cumsum(counts)))
    with np.errstate(over="ignore"):
        for cls in np.flatnonzero(counts).tolist():
            members = order[bounds[cls] : bounds[cls + 1]]
            if cls == 0:
                out[members] = _EMPTY
                continue
            if cls <= len(paths):
                # in blocks that stay in cache: the paths make a dozen temporaries each
                for k in range(0, members.size, _BLOCK):
                    idx = members[k : k + _BLOCK]
                    out[idx] = paths[cls - 1](reader, starts[idx], lengths[idx])
                continue
            idx = members
            # longer than 240 bytes: the library, one by one
            raw = np.asarray(buf, dtype=np.uint8)
            out[idx] = [
                xxhash.xxh3_64_intdigest(raw[a:b].tobytes())
                for a, b in zip(starts[idx].tolist(), (starts + lengths)[idx].tolist(), strict=True)
            ]
    return out
