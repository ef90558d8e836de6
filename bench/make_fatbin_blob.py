"""Writes a .nv_fatbin blob of at least SIZE bytes: copies of real nvcc containers, each entry's payload
padded (as fatbinary pads) so that entries are as large as in big framework libraries."""
import struct, sys

src, out, size, entry_size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = open(src, 'rb').read()
containers = []
p = 0
while p + 16 <= len(data):
    magic, ver, hs, payload = struct.unpack_from('<IHHQ', data, p)
    if magic == 0:
        p += 8
        continue
    assert magic == 0xBA55ED50, hex(magic)
    entries = []
    q, end = p + hs, p + hs + payload
    while q < end:
        ehs, pad = struct.unpack_from('<IQ', data, q + 4)
        entries.append(data[q:q + ehs + pad])
        q += ehs + pad
    containers.append((data[p:p + hs], entries))
    p = end
written = 0
with open(out, 'wb') as f:
    while written < size:
        for header, entries in containers:
            body = bytearray()
            for e in entries:
                ehs, pad = struct.unpack_from('<IQ', e, 4)
                grow = max(0, entry_size - len(e))
                grow -= grow % 8
                fixed = bytearray(e)
                struct.pack_into('<Q', fixed, 8, pad + grow)
                body += fixed + bytes(grow)
            h = bytearray(header)
            struct.pack_into('<Q', h, 8, len(body))
            f.write(h)
            f.write(body)
            written += len(h) + len(body)
print(written)
