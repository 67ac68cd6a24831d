import { request } from 'node:http';
import { type BlobServiceClient, ContainerSASPermissions } from '@azure/storage-blob';

/**
 * Uploads with the URL path exactly as given (`x/%2E%2E/…`), as a client other than the SDK can: storage decodes
 * it and keeps the blob named `x/../…`, a name the SDK would then resolve into another container.
 */
export async function rawPut(
  service: BlobServiceClient,
  container: string,
  urlPath: string,
  body: string,
): Promise<void> {
  const sas = new URL(
    await service.getContainerClient(container).generateSasUrl({
      permissions: ContainerSASPermissions.parse('rcw'),
      expiresOn: new Date(Date.now() + 3600_000),
    }),
  );
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request(
      {
        host: sas.hostname,
        port: sas.port,
        method: 'PUT',
        path: `${sas.pathname}/${urlPath}${sas.search}`,
        headers: { 'x-ms-blob-type': 'BlockBlob', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status !== 201) throw new Error(`raw PUT ${container}/${urlPath} answered ${status}`);
}
