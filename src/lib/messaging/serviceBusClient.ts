import { DefaultAzureCredential } from '@azure/identity';
import { ServiceBusClient } from '@azure/service-bus';
import { userError } from '../errors';

/**
 * A ServiceBusClient from app settings: the connection string (local Service Bus, or a namespace key) or,
 * in Azure, `<prefix>__fullyQualifiedNamespace` with the managed identity ("Azure Service Bus Data Owner").
 */
export function serviceBusClientFromSettings(
  env: Record<string, string | undefined>,
  prefix = 'ServiceBusConnection',
): ServiceBusClient {
  const connection = env[prefix];
  if (connection !== undefined && connection.trim() !== '') return new ServiceBusClient(connection);
  const namespace = env[`${prefix}__fullyQualifiedNamespace`];
  if (namespace !== undefined && namespace !== '') return new ServiceBusClient(namespace, new DefaultAzureCredential());
  throw userError('servicebus_not_configured', `Service Bus is not configured: set ${prefix}`, {
    hint: `Set ${prefix} to a connection string, or ${prefix}__fullyQualifiedNamespace for managed identity.`,
  });
}
