import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { userError } from '../errors';

/**
 * A BlobServiceClient from app settings: a connection string locally (Azurite) or, in Azure, the
 * identity-based form `<prefix>__accountName` / `<prefix>__blobServiceUri` with DefaultAzureCredential
 * (the Function App's managed identity needs "Storage Blob Data Owner").
 */
export function blobServiceClientFromSettings(
  env: Record<string, string | undefined>,
  prefix = 'AzureWebJobsStorage',
): BlobServiceClient {
  const connection = env[prefix];
  if (connection !== undefined && connection.trim() !== '') {
    if (connection === 'UseDevelopmentStorage=true') {
      return BlobServiceClient.fromConnectionString(
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      );
    }
    return BlobServiceClient.fromConnectionString(connection);
  }
  const uri = env[`${prefix}__blobServiceUri`] ?? accountUri(env[`${prefix}__accountName`]);
  if (uri === undefined) {
    throw userError('storage_not_configured', `Storage is not configured: set ${prefix} or ${prefix}__accountName`, {
      hint: 'Locally, npm start writes local.settings.json with an Azurite connection string.',
    });
  }
  return new BlobServiceClient(uri, new DefaultAzureCredential());
}

function accountUri(account: string | undefined): string | undefined {
  return account === undefined || account === '' ? undefined : `https://${account}.blob.core.windows.net`;
}
